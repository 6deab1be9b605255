"""Registrations (报名) for one occurrence of an event."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..capacity import ACTIVE, AbstractRegistration, RegistrationStatus
from .occurrences import Occurrence


class Registration(AbstractRegistration):
    """A person's registration for one occurrence: an account holder, or (for
    events open to everyone) a resident with a name and mobile number."""

    holder_field = "occurrence"

    occurrence = models.ForeignKey(
        Occurrence,
        verbose_name=_("活动场次"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    reminded_at = models.DateTimeField(_("提醒发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("活动报名")
        verbose_name_plural = _("活动报名")
        ordering = ["occurrence", "id"]
        permissions = [
            ("view_registrant_phone", _("查看报名者完整手机号")),
            ("check_in_registration", _("为报名者签到")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "user"],
                condition=Q(user__isnull=False) & Q(status__in=ACTIVE),
                name="events_one_registration_per_user",
            ),
            # Anonymised rows of erased accounts (我的数据) have no number.
            models.UniqueConstraint(
                fields=["occurrence", "phone"],
                condition=Q(status__in=ACTIVE) & ~Q(phone=""),
                name="events_one_registration_per_phone",
            ),
            models.CheckConstraint(
                condition=Q(places=models.F("companions") + 1),
                name="events_places_are_person_plus_companions",
            ),
        ]
        indexes = [models.Index(fields=["occurrence", "status"])]

    def __str__(self):
        return f"{self.name} · {self.occurrence}"

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == RegistrationStatus.WAITING
