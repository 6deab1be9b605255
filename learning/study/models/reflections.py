"""Reflections (学习心得) on a session, shown publicly once approved."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.page_cache import purge_when_saved

from .choices import ReflectionStatus
from .members import Member
from .sessions import StudySession


@purge_when_saved  # session pages show approved reflections
class Reflection(models.Model):
    """学习心得 with a rating; shown publicly only once approved."""

    session = models.ForeignKey(
        StudySession,
        verbose_name=_("学习会"),
        on_delete=models.CASCADE,
        related_name="reflections",
    )
    member = models.ForeignKey(
        Member, verbose_name=_("党员"), on_delete=models.CASCADE, related_name="reflections"
    )
    text = models.TextField(_("学习心得"), max_length=2000)
    rating = models.PositiveSmallIntegerField(
        _("评分"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    status = models.CharField(
        _("审核状态"),
        max_length=10,
        choices=ReflectionStatus.choices,
        default=ReflectionStatus.PENDING,
    )
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("代录人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("学习心得")
        verbose_name_plural = _("学习心得")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="study_one_reflection"),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="study_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.member.name} · {self.session.title}"
