"""放映: a study session's courses played on the room's screen.

A ``Screening`` is one showing of a session, started by an administrator on
the room's computer or TV; each course it played is a ``ScreeningCourse``
(in order, from when to when, the seconds actually played). Which on-site
members watched what is derived when read (services/screening_credit.py),
from the session's roll call, which may be saved after the screening.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Screening(models.Model):
    session = models.ForeignKey(
        "study.StudySession",
        verbose_name=_("学习会"),
        on_delete=models.CASCADE,
        related_name="screenings",
    )
    # Chosen by the screening page, so a start that is sent again (a lost
    # answer, a reload) finds the same screening instead of adding one.
    token = models.UUIDField(_("放映标识"), default=uuid.uuid4, unique=True, editable=False)
    started_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("放映人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("放映记录")
        verbose_name_plural = _("放映记录")
        ordering = ["-started_at", "-pk"]
        permissions = [("screen_session", _("放映学习会"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gt=F("started_at")),
                name="viewing_screening_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{timezone.localtime(self.started_at):%Y-%m-%d %H:%M} · {self.session_id}"

    @property
    def finished(self):
        return self.ended_at is not None


class ScreeningCourse(models.Model):
    """One course a screening played (the same course twice is two rows)."""

    screening = models.ForeignKey(
        Screening, verbose_name=_("放映"), on_delete=models.CASCADE, related_name="shown"
    )
    order = models.PositiveSmallIntegerField(_("顺序"))
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("课程"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    picked = models.BooleanField(_("按点播编号点播"), default=False)
    started_at = models.DateTimeField(_("开始播放"))
    ended_at = models.DateTimeField(_("结束播放"), null=True, blank=True)
    seconds_played = models.FloatField(_("实际播放秒数"), default=0)
    # The course's length when it was shown, and whether the part played
    # reaches COMPLETION_SHARE of it (the same 90 % as online study).
    duration_seconds = models.FloatField(_("课程时长（秒）"), default=0)
    completed = models.BooleanField(_("播放满 90%"), default=False)

    class Meta:
        verbose_name = _("放映课程")
        verbose_name_plural = _("放映课程")
        ordering = ["screening", "order"]
        constraints = [
            models.UniqueConstraint(fields=["screening", "order"], name="viewing_shown_order_once"),
            models.CheckConstraint(
                condition=Q(seconds_played__gte=0), name="viewing_shown_seconds_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="viewing_shown_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["completed", "screening"], name="viewing_shown_done")]

    def __str__(self):
        return f"{self.screening_id} · {self.order} · {self.course_id}"

    @property
    def percent(self):
        if not self.duration_seconds:
            return 0
        return min(100, int(self.seconds_played * 100 // self.duration_seconds))
