"""三会一课 register (组织生活记录): a branch's meetings with their attendance,
and how often each kind of meeting is due.

Rules kept by the database:

* a 党小组会 names its party group, no other kind does (check constraint);
* only a 党课 or 主题党日 may stand for a study session, and a session
  stands for at most one meeting (check, unique);
* one attendance row per member and meeting (unique), with a mode only
  for those who attended (check, as the study roll call);
* one frequency per kind of meeting (unique).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.study.models import ATTENDED, NO_MODE, NOT_ATTENDED, AttendanceMode, AttendanceStatus


class MeetingKind(models.TextChoices):
    GENERAL = "general", _("支部党员大会")
    COMMITTEE = "committee", _("支部委员会")
    GROUP = "group", _("党小组会")
    LECTURE = "lecture", _("党课")
    THEME_DAY = "themeday", _("主题党日")
    LIFE = "life", _("组织生活会")


# A study session may be entered as the month's 党课 or 主题党日.
SESSION_KINDS = (MeetingKind.LECTURE, MeetingKind.THEME_DAY)


class Meeting(models.Model):
    kind = models.CharField(_("会议类型"), max_length=12, choices=MeetingKind.choices)
    branch = models.ForeignKey(
        "study.Branch", verbose_name=_("支部"), on_delete=models.PROTECT, related_name="+"
    )
    party_group = models.ForeignKey(
        "study.PartyGroup",
        verbose_name=_("党小组"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text=_("只有党小组会填写，且必须填写。"),
    )
    day = models.DateField(_("日期"))
    start_time = models.TimeField(_("开始时间"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=100)
    host = models.CharField(_("主持人"), max_length=50)
    recorder = models.CharField(_("记录人"), max_length=50, blank=True)
    topic = models.CharField(_("会议主题"), max_length=200)
    minutes = models.TextField(_("会议记录"), blank=True)
    decisions = models.TextField(_("决定事项"), blank=True)
    attachments = models.ManyToManyField(
        "wagtaildocs.Document", verbose_name=_("附件"), blank=True, related_name="+"
    )
    session = models.OneToOneField(
        "study.StudySession",
        verbose_name=_("对应学习会"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting",
        help_text=_("作为本月党课或主题党日的学习会：出勤以学习会点名册为准，不再重复登记。"),
    )
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("组织生活会议")
        verbose_name_plural = _("组织生活会议")
        ordering = ["-day", "-start_time", "-pk"]
        permissions = [
            ("record_meeting", _("登记组织生活会议及出勤")),
            ("view_register", _("查看三会一课记录")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=MeetingKind.GROUP) & Q(party_group__isnull=False))
                | (~Q(kind=MeetingKind.GROUP) & Q(party_group__isnull=True)),
                name="meetings_party_group_only_for_group_meetings",
            ),
            models.CheckConstraint(
                condition=Q(session__isnull=True) | Q(kind__in=SESSION_KINDS),
                name="meetings_session_only_for_lectures_and_theme_days",
            ),
        ]
        indexes = [models.Index(fields=["branch", "day", "kind"], name="meetings_branch_day")]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.get_kind_display()}"


class MeetingAttendance(models.Model):
    """One member's line in a meeting's attendance (same statuses and modes
    as the study roll call)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(
        "study.Member",
        verbose_name=_("党员"),
        on_delete=models.CASCADE,
        related_name="meeting_attendances",
    )
    status = models.CharField(_("出勤"), max_length=10, choices=AttendanceStatus.choices)
    mode = models.CharField(_("方式"), max_length=10, choices=AttendanceMode.choices, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("会议出勤")
        verbose_name_plural = _("会议出勤")
        ordering = ["meeting", "member"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="meetings_one_attendance_per_member"
            ),
            models.CheckConstraint(
                condition=(Q(status__in=ATTENDED) & Q(mode__in=AttendanceMode.values))
                | (Q(status__in=NOT_ATTENDED) & Q(mode=NO_MODE)),
                name="meetings_mode_only_when_attended",
            ),
        ]
        indexes = [models.Index(fields=["member", "meeting"], name="meetings_att_member")]

    def __str__(self):
        return f"{self.member_id} · {self.get_status_display()}"


class Period(models.TextChoices):
    MONTH = "month", _("每月")
    QUARTER = "quarter", _("每季度")
    YEAR = "year", _("每年")


class MeetingRequirement(models.Model):
    """How often a kind of meeting is due: ``count`` per ``period`` (per
    party group for 党小组会). 0 means not required."""

    kind = models.CharField(
        _("会议类型"),
        max_length=12,
        choices=MeetingKind.choices,
        unique=True,
        error_messages={"unique": _("这种会议已有频次要求。")},
    )
    period = models.CharField(_("周期"), max_length=10, choices=Period.choices)
    count = models.PositiveSmallIntegerField(_("至少次数"), default=1)
    remind_days = models.PositiveSmallIntegerField(
        _("提前提醒天数"),
        default=7,
        help_text=_("周期结束前这么多天仍未召开时，邮件提醒支部的远教管理员。"),
    )

    class Meta:
        verbose_name = _("三会一课频次要求")
        verbose_name_plural = _("三会一课频次要求")
        ordering = ["kind"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.get_period_display()}{self.count}次"


class ReminderSent(models.Model):
    """A reminder has been mailed for this branch's (party group's) period of
    a kind: ``send_meeting_reminders`` sends each once (unique)."""

    branch = models.ForeignKey(
        "study.Branch", verbose_name=_("支部"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("会议类型"), max_length=12, choices=MeetingKind.choices)
    # The party group's id for a 党小组会, 0 otherwise (a NULL would never be
    # equal to itself in the unique constraint).
    group_key = models.PositiveBigIntegerField(_("党小组"), default=0)
    period_start = models.DateField(_("周期开始"))
    sent_at = models.DateTimeField(_("发送时间"), default=timezone.now)

    class Meta:
        verbose_name = _("三会一课提醒记录")
        verbose_name_plural = _("三会一课提醒记录")
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "kind", "group_key", "period_start"],
                name="meetings_one_reminder_per_period",
            )
        ]

    def __str__(self):
        return f"{self.branch_id} · {self.kind} · {self.period_start}"
