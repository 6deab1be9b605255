"""The forms of 点播需求: a member's request, the administrator's answer.
They check the shape of the input; the rules are in services.demand, whose
messages the views put back on the form (what was typed stays)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import clean_text
from learning.courses.models import CourseCategory, CoursePage
from learning.study.models import StudySession

from .models import RequestAnswer
from .models.demand import DESCRIPTION_LENGTH, REASON_LENGTH, TITLE_LENGTH


class RequestForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("课程分类"),
        queryset=CourseCategory.objects.all(),
        empty_label=_("请选择"),
        error_messages={"required": _("请选择课程分类。")},
    )
    title = forms.CharField(
        label=_("想看的内容"),
        max_length=TITLE_LENGTH,
        help_text=_("一句话，最多 %(n)s 字，例如：垃圾分类怎么做") % {"n": TITLE_LENGTH},
        error_messages={"required": _("请写下想看的内容。")},
    )
    description = forms.CharField(
        label=_("说明（选填）"),
        max_length=DESCRIPTION_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("最多 %(n)s 字。") % {"n": DESCRIPTION_LENGTH},
    )

    def clean_title(self):
        title = clean_text(self.cleaned_data["title"], max_length=TITLE_LENGTH)
        if not title:
            raise forms.ValidationError(_("请写下想看的内容。"))
        return title

    def clean_description(self):
        return clean_text(self.cleaned_data["description"], max_length=DESCRIPTION_LENGTH)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("答复"),
        choices=[(RequestAnswer.PLANNED, _("计划安排")), (RequestAnswer.DECLINED, _("不安排"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择计划安排或不安排。")},
    )
    session = forms.ModelChoiceField(
        label=_("安排的学习会"), queryset=StudySession.objects.none(), required=False
    )
    course = forms.ModelChoiceField(
        label=_("安排的课程"), queryset=CoursePage.objects.none(), required=False
    )
    reason = forms.CharField(
        label=_("不安排的原因"),
        max_length=REASON_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("选择“不安排”时必填，提出人会看到。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = (
            StudySession.objects.live().filter(end__gte=timezone.now()).order_by("start")
        )
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")

    def clean(self):
        data = super().clean()
        if data.get("answer") == RequestAnswer.PLANNED:
            if not data.get("session") and not data.get("course"):
                self.add_error("session", _("请选择安排的学习会或课程。"))
        elif data.get("answer") == RequestAnswer.DECLINED:
            data["reason"] = clean_text(data.get("reason"), max_length=REASON_LENGTH)
            if not data["reason"]:
                self.add_error("reason", _("请填写不安排的原因。"))
        return data
