"""Each member's viewing progress on each course."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..querysets import CourseProgressQuerySet
from .pages import CoursePage

# A course counts as completed when this share of its duration was watched.
COMPLETION_SHARE = 0.9
# The player starts again from the beginning if the member stopped this near the end.
RESUME_NEAR_END_SECONDS = 5.0


class CourseProgress(models.Model):
    """How much of one course one member has watched.

    ``watched_intervals`` is a sorted list of disjoint ``[start, end]`` second
    ranges actually played; ``watched_seconds`` is their total length, so
    seeking forward adds nothing. ``completed_at`` is set once, the first time
    ``watched_seconds`` reaches 90 % of the course's duration.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="course_progress",
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("课程"), on_delete=models.CASCADE, related_name="progress"
    )
    watched_intervals = models.JSONField(_("已观看区间"), default=list, blank=True)
    watched_seconds = models.FloatField(_("实际观看秒数"), default=0)
    last_position = models.FloatField(_("上次播放位置（秒）"), default=0)
    started_at = models.DateTimeField(_("开始学习时间"), auto_now_add=True)
    # Set by services.record_progress at each report (it also bounds the next one).
    updated_at = models.DateTimeField(_("最近学习时间"), default=timezone.now, db_index=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True, db_index=True)

    objects = CourseProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("学习进度")
        verbose_name_plural = _("学习进度")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="course_progress_once"),
            models.CheckConstraint(
                condition=Q(watched_seconds__gte=0) & Q(last_position__gte=0),
                name="course_progress_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.course}"

    @property
    def is_completed(self):
        return self.completed_at is not None

    def resume_position(self):
        """Where the player starts again: the last position, or the
        beginning if the member had reached the end."""
        duration = self.course.duration_seconds
        if duration and self.last_position >= duration - RESUME_NEAR_END_SECONDS:
            return 0.0
        return self.last_position

    def percent(self):
        """Share of the duration actually watched, 0–100 (whole numbers)."""
        total = self.course.duration_seconds
        if not total:
            return 100 if self.completed_at else 0
        return min(100, int(self.watched_seconds * 100 // total))
