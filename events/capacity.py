"""Places, a waiting list and promotion, for any row that has a capacity.

Events use it for each occurrence (``events.Occurrence``); volunteer shifts
(issue 6) use it the same way. Two abstract models and four functions:

* ``CapacityHolder``: the row that guards the places (``capacity``; None
  means no limit). Every allocation locks this row first.
* ``AbstractRegistration``: one person's claim on places of one holder; the
  subclass adds the foreign key to its holder and names it in
  ``holder_field``, and declares its own unique constraints.
* ``allocate(holder, registration)``: confirm or put on the waiting list.
* ``withdraw(registration, actor)``: cancel and let the waiting list move up.
* ``promote(holder)``: move the waiting list up into free places.
* ``shrink(holder)``: after the places were lowered, move the latest
  confirmed to the head of the waiting list until the rest fit.
* ``lock(holder)``: the row lock all of them rely on.

Rule: lock, re-check, then write. ``lock`` takes ``SELECT ... FOR UPDATE`` on
the holder (PostgreSQL); on SQLite, where that is a no-op, the project's
``transaction_mode = IMMEDIATE`` makes every ``atomic()`` block take the
database's write lock before its first read, which serialises the same way.
The waiting list moves strictly in arrival order: if the first person
waiting needs more places than are free, nobody behind them jumps ahead.
"""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.codes import random_code
from core.errors import DomainError


class CapacityError(DomainError):
    """A registration cannot be taken, changed or cancelled."""


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("已确认")
    WAITING = "waiting", _("候补中")
    CANCELLED = "cancelled", _("已取消")


ACTIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


class CapacityHolder(models.Model):
    capacity = models.PositiveIntegerField(
        _("名额"), null=True, blank=True, help_text=_("留空表示不限名额。")
    )

    # The related_name of the registrations' foreign key to this holder.
    registrations_name = "registrations"

    class Meta:
        abstract = True

    def registrations_qs(self):
        return getattr(self, self.registrations_name).all()

    def places_taken(self):
        taken = self.registrations_qs().filter(status=RegistrationStatus.CONFIRMED)
        return taken.aggregate(total=Sum("places"))["total"] or 0

    def places_left(self):
        """Free places, or None when there is no limit."""
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.places_taken())

    def waiting_list(self):
        return self.registrations_qs().filter(status=RegistrationStatus.WAITING).order_by("id")


class AbstractRegistration(models.Model):
    """A claim on ``places`` places (the person plus companions) of a holder.

    ``id`` order is arrival order: rows are inserted while the holder is
    locked, so a later id means a later place in the queue.
    """

    holder_field = None  # the subclass's foreign key to its CapacityHolder

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("账户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="%(app_label)s_%(class)ss",
    )
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("手机号码"), max_length=11)
    email = models.EmailField(_("电子邮箱"), blank=True)
    companions = models.PositiveSmallIntegerField(_("同行人数"), default=0)
    places = models.PositiveSmallIntegerField(_("占用名额"), default=1)
    status = models.CharField(
        _("状态"), max_length=10, choices=RegistrationStatus.choices, db_index=True
    )
    code = models.CharField(_("确认码"), max_length=32, unique=True, default=random_code)
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now)
    promoted_at = models.DateTimeField(_("候补转正时间"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("取消人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancel_reason = models.CharField(_("取消原因"), max_length=100, blank=True)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签到登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_active(self):
        return self.status in ACTIVE

    @property
    def holder(self):
        return getattr(self, self.holder_field)

    def waiting_position(self):
        """1 for the first person waiting; None unless waiting."""
        if self.status != RegistrationStatus.WAITING:
            return None
        ahead = self.holder.waiting_list().filter(id__lt=self.id)
        return ahead.count() + 1


def lock(holder):
    """The holder's row, re-read and locked until the transaction ends.

    Only the holder's own table is locked (``FOR UPDATE OF``): if its query
    joins others (a holder that is a page subclass, a manager that follows a
    foreign key), their rows stay free, so an editor saving the event's page
    never waits for a registration. (Publishing an event does wait: it
    re-syncs the dates, which takes this lock.)"""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("capacity.lock() must run inside transaction.atomic()")
    return type(holder)._default_manager.select_for_update(of=("self",)).get(pk=holder.pk)


def allocate(holder, registration, duplicate_message):
    """Confirm ``registration`` if its places are free and nobody is waiting,
    otherwise put it at the end of the waiting list; save it.

    Call inside ``atomic()`` with ``holder`` from ``lock()``. A row that breaks
    one of the subclass's unique constraints raises CapacityError with
    ``duplicate_message`` and leaves nothing behind.
    """
    if holder.capacity is not None and registration.places > holder.capacity:
        raise CapacityError(
            _("本场共 %(capacity)s 个名额，一次报名最多占用全部名额，请减少同行人数。")
            % {"capacity": holder.capacity},
            code="too_many_places",
        )
    setattr(registration, registration.holder_field, holder)
    free = holder.places_left()
    nobody_waiting = not holder.waiting_list().exists()
    fits = free is None or registration.places <= free
    registration.status = (
        RegistrationStatus.CONFIRMED if fits and nobody_waiting else RegistrationStatus.WAITING
    )
    registration.created_at = timezone.now()
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        raise CapacityError(duplicate_message, code="duplicate") from error
    return registration


def promote(holder):
    """Confirm people from the head of the waiting list while their places
    fit. Call inside ``atomic()`` with a locked holder; returns the promoted."""
    free = holder.places_left()
    promoted = []
    for registration in holder.waiting_list():
        if free is not None and registration.places > free:
            break
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at"])
        promoted.append(registration)
        if free is not None:
            free -= registration.places
    return promoted


def shrink(holder):
    """Keep a capacity that was lowered below the confirmed places: move the
    latest confirmed registrations (highest id) back to the waiting list
    until the rest fit. Call inside ``atomic()`` with a locked holder, after
    writing the new capacity; returns the moved registrations.

    Every confirmed registration has a lower id than every waiting one
    (``allocate`` and ``promote`` keep arrival order), so the moved stand at
    the head of the waiting list, in their own order, and are the first to
    move up again when someone cancels.
    """
    if holder.capacity is None:
        return []
    excess = holder.places_taken() - holder.capacity
    moved = []
    confirmed = holder.registrations_qs().filter(status=RegistrationStatus.CONFIRMED)
    for registration in confirmed.order_by("-id"):
        if excess <= 0:
            break
        registration.status = RegistrationStatus.WAITING
        registration.save(update_fields=["status"])
        moved.append(registration)
        excess -= registration.places
    return moved


def withdraw(holder, registration, actor=None, reason=""):
    """Cancel one registration of a locked holder and move the waiting list
    up; returns the promoted registrations."""
    registration = type(registration)._default_manager.get(pk=registration.pk)
    if not registration.is_active:
        raise CapacityError(_("这条报名已经取消了。"), code="already_cancelled")
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.cancelled_by = actor if actor is not None and actor.is_authenticated else None
    registration.cancel_reason = reason
    registration.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
    return promote(holder)
