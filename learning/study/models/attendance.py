"""The roll call's models: one ``Attendance`` row per invited member and
session, an ``AttendanceChange`` for every change of a row, and a
``RollCall`` per session and branch once that branch's roll has been saved.

Part of the ``models`` package, whose ``__init__`` re-exports these names.

Rules kept by the database:

* one row per member and session (unique);
* a mode (现场 / 线上 / 送学上门 / 电话) only for people who attended
  (出席 / 迟到); excused and absent members have none (check constraint);
* one ``RollCall`` per session and branch (unique).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("出席")
    LATE = "late", _("迟到")
    EXCUSED = "excused", _("请假")
    ABSENT = "absent", _("缺席")


class AttendanceMode(models.TextChoices):
    ON_SITE = "onsite", _("现场")
    ONLINE = "online", _("线上")
    HOME_VISIT = "home", _("送学上门")
    PHONE = "phone", _("电话")


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
NOT_ATTENDED = (AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)
NO_MODE = ""


def status_label(value):
    return str(AttendanceStatus(value).label) if value in AttendanceStatus.values else ""


def mode_label(value):
    """The label of a mode; none ("") for people who were not there."""
    return str(AttendanceMode(value).label) if value in AttendanceMode.values else ""


class Attendance(models.Model):
    """One member's line in a session's roll call. ``branch`` and ``day`` are
    copied from the member and the session so the ledger groups without joins."""

    session = models.ForeignKey(
        "study.StudySession",
        verbose_name=_("学习会"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    member = models.ForeignKey(
        "study.Member", verbose_name=_("党员"), on_delete=models.CASCADE, related_name="attendances"
    )
    branch = models.ForeignKey(
        "study.Branch", verbose_name=_("支部"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("日期"))
    status = models.CharField(_("出勤"), max_length=10, choices=AttendanceStatus.choices)
    mode = models.CharField(
        _("方式"),
        max_length=10,
        choices=AttendanceMode.choices,
        blank=True,
        help_text=_("只有出席和迟到的人有参加方式；请假和缺席的人没有。"),
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("修改时间"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("出勤记录")
        verbose_name_plural = _("出勤记录")
        ordering = ["session", "member"]
        permissions = [("take_roll", _("点名"))]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"], name="study_one_attendance_per_member"
            ),
            models.CheckConstraint(
                condition=(Q(status__in=ATTENDED) & Q(mode__in=AttendanceMode.values))
                | (Q(status__in=NOT_ATTENDED) & Q(mode=NO_MODE)),
                name="study_mode_only_when_attended",
            ),
        ]
        indexes = [
            # Covers the ledger's one grouped query (ledger._groups).
            models.Index(
                fields=["day", "branch", "session", "status", "mode"], name="study_att_ledger"
            ),
            models.Index(fields=["member", "day"], name="study_att_member_day"),
        ]

    def __str__(self):
        return f"{self.member.name} · {self.get_status_display()}"

    @property
    def attended(self):
        return self.status in ATTENDED


class ChangeSource(models.TextChoices):
    ROLL = "roll", _("点名")
    CHECK_IN = "qr", _("扫码签到")
    LEAVE = "leave", _("请假")
    ONLINE = "online", _("在线补学")


class AttendanceChange(models.Model):
    """Audit: who changed an attendance row, when, and from what to what."""

    attendance = models.ForeignKey(
        Attendance, verbose_name=_("出勤记录"), on_delete=models.CASCADE, related_name="changes"
    )
    changed_at = models.DateTimeField(_("时间"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("来源"), max_length=10, choices=ChangeSource.choices)
    status_before = models.CharField(_("原出勤"), max_length=10, blank=True)
    mode_before = models.CharField(_("原方式"), max_length=10, blank=True)
    status_after = models.CharField(_("新出勤"), max_length=10)
    mode_after = models.CharField(_("新方式"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("出勤修改记录")
        verbose_name_plural = _("出勤修改记录")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.before_label or '—'} → {self.after_label}"

    @staticmethod
    def _label(status, mode):
        if not status:
            return ""
        mode = mode_label(mode) if status in ATTENDED else ""
        return f"{status_label(status) or status} · {mode}" if mode else status_label(status)

    @property
    def before_label(self):
        """出席 · 现场, 请假, or "" for a new row — never a raw code."""
        return self._label(self.status_before, self.mode_before)

    @property
    def after_label(self):
        return self._label(self.status_after, self.mode_after)


class RollCall(models.Model):
    """A branch's roll for a session has been saved (点名). Only then does
    the session count as held for that branch in the ledger; before, it is
    listed as 未点名 (see ``ledger``). A session for several branches has
    one per branch, as each branch's administrator takes their own roll."""

    session = models.ForeignKey(
        "study.StudySession",
        verbose_name=_("学习会"),
        on_delete=models.CASCADE,
        related_name="roll_calls",
    )
    branch = models.ForeignKey(
        "study.Branch", verbose_name=_("支部"), on_delete=models.PROTECT, related_name="+"
    )
    taken_at = models.DateTimeField(_("首次保存时间"), default=timezone.now)
    saved_at = models.DateTimeField(_("最近保存时间"), default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("最近保存人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("点名记录")
        verbose_name_plural = _("点名记录")
        ordering = ["session", "branch"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "branch"], name="study_one_roll_call_per_branch"
            ),
        ]

    def __str__(self):
        return f"{self.session_id} · {self.branch_id}"
