"""The members' leave and reflection forms (the 学习会 page form is the
event form: without repetition in the panels it has no weekday boxes)."""

from django import forms
from django.utils.translation import gettext_lazy as _

RATINGS = [(n, _("%(n)s 分") % {"n": n}) for n in range(5, 0, -1)]


class LeaveForm(forms.Form):
    reason = forms.CharField(
        label=_("请假原因"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("学习心得"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6})
    )
    rating = forms.TypedChoiceField(
        label=_("评分"), choices=RATINGS, coerce=int, widget=forms.RadioSelect
    )
