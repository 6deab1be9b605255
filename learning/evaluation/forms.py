"""The members' self-review and ballot forms, and the administrators' paper ballot."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Grade


class SelfReviewForm(forms.Form):
    text = forms.CharField(
        label=_("自评"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("对照党员标准，写本年度学习、工作和作风方面的情况和不足。"),
    )


class BallotForm(forms.Form):
    """One choice of 优秀 / 合格 / 基本合格 / 不合格 per candidate."""

    def __init__(self, candidates, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        for participation in self.candidates:
            self.fields[f"m{participation.member_id}"] = forms.ChoiceField(
                label=participation.member.name,
                choices=Grade.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("请为%(name)s选择评价。") % {"name": participation.member.name}
                },
            )

    def ratings(self):
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}

    def rows(self):
        return [self[f"m{p.member_id}"] for p in self.candidates]
