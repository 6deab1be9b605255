"""The forms of the meeting screen: which meeting (branch, kind, party
group: fixed once recorded) and what happened (the meeting's own fields,
one attachment per save)."""

import datetime

from django import forms
from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.study import scope
from learning.study.models import PartyGroup, StudySession

from .models import SESSION_KINDS, Meeting, MeetingKind

MAX_ATTACHMENT_MB = 20


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, group):
        return f"{group.branch.name} · {group.name}"


class ChooseMeetingForm(forms.Form):
    """Step one: the branch, the kind and (党小组会 only) the party group."""

    branch = forms.ModelChoiceField(queryset=None, label=_("支部"), empty_label=None)
    kind = forms.ChoiceField(choices=MeetingKind.choices, label=_("会议类型"))
    party_group = GroupChoiceField(
        queryset=None, label=_("党小组"), required=False, help_text=_("党小组会必须选择。")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = scope.branches_for(user)
        self.fields["party_group"].queryset = scope.within(
            PartyGroup.objects.select_related("branch"), user
        )

    def clean(self):
        cleaned = super().clean()
        branch, kind, group = (cleaned.get(k) for k in ("branch", "kind", "party_group"))
        if kind == MeetingKind.GROUP:
            if group is None:
                self.add_error("party_group", _("党小组会必须选择党小组。"))
            elif branch is not None and group.branch_id != branch.pk:
                self.add_error("party_group", _("所选党小组不属于这个支部。"))
        else:
            cleaned["party_group"] = None
        return cleaned


class MeetingForm(forms.ModelForm):
    attachment = forms.FileField(
        label=_("上传附件"),
        required=False,
        validators=[FileExtensionValidator(settings.WAGTAILDOCS_EXTENSIONS)],
        help_text=_("每次保存可上传一个文件（PDF、Office、WPS 文档等，不超过 %(mb)s MB）。")
        % {"mb": MAX_ATTACHMENT_MB},
    )

    class Meta:
        model = Meeting
        fields = [
            "session",
            "day",
            "start_time",
            "place",
            "host",
            "recorder",
            "topic",
            "minutes",
            "decisions",
        ]
        widgets = {
            "day": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
            "host": forms.TextInput(attrs={"list": "meeting-members"}),
            "recorder": forms.TextInput(attrs={"list": "meeting-members"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meeting = self.instance
        if meeting.kind in SESSION_KINDS:
            since = timezone.now() - datetime.timedelta(days=400)
            sessions = StudySession.objects.filter(
                branches=meeting.branch_id, start__gte=since
            ).filter(live=True)
            taken = Meeting.objects.exclude(session=None).exclude(pk=meeting.pk)
            self.fields["session"].queryset = sessions.exclude(
                pk__in=taken.values("session_id")
            ).order_by("-start")
            self.fields["session"].label_from_instance = lambda s: (
                f"{timezone.localtime(s.start):%Y-%m-%d} {s.title}"
            )
            self.fields["day"].required = False
        else:
            del self.fields["session"]

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and upload.size > MAX_ATTACHMENT_MB * 1024 * 1024:
            raise forms.ValidationError(_("附件不能超过 %(mb)s MB。") % {"mb": MAX_ATTACHMENT_MB})
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("session") and not cleaned.get("day") and "day" not in self.errors:
            self.add_error("day", _("请填写日期，或选择对应的学习会。"))
        return cleaned
