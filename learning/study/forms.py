"""Forms: the 学习会 page form (admin) and the members' leave and
reflection forms. This module does not import the models (models.py uses
StudySessionForm)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from events.forms import EventPageForm

RATINGS = [(n, _("%(n)s 分") % {"n": n}) for n in range(5, 0, -1)]


class StudySessionForm(EventPageForm):
    """A study session is one sitting: the event form's weekday boxes (a
    field the event form declares itself, so leaving it out of the panels
    does not remove it) have nothing to do here."""

    repeat_weekdays = None


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
