"""Leave requests (请假): asked by a member before a session, decided by an
administrator.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import LeaveStatus
from .members import Member
from .sessions import StudySession


class LeaveRequest(models.Model):
    """请假: asked by a member before the session, decided by an administrator."""

    session = models.ForeignKey(
        StudySession, verbose_name=_("学习会"), on_delete=models.CASCADE, related_name="leaves"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("党员"), on_delete=models.CASCADE, related_name="leaves"
    )
    reason = models.CharField(_("请假原因"), max_length=300)
    status = models.CharField(
        _("状态"), max_length=10, choices=LeaveStatus.choices, default=LeaveStatus.PENDING
    )
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("请假申请")
        verbose_name_plural = _("请假申请")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="study_one_leave_request"),
        ]

    def __str__(self):
        return f"{self.member.name} · {self.session.title}"
