"""A member's way in: activation slips, who is linked, unlinking.

Members are records kept by the branch administrator; an account is a
login. They meet only through proof that the account holds the member's
number (accounts.proof): an activation code printed on a slip for the member
(this module), or an SMS code. ``link_member`` answers the
``phone_verified`` signal. Nothing requires a member to have an account.

Every action takes the acting user and checks ``study.manage_member_access``
(granted to 远教管理员 by migration 0004); ``manageable_members`` is the one
place that decides which members an administrator may act on: those of the
branches they administer (``scope``), every member for a community-level
administrator.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import proof
from accounts.models import ActivationCode
from core.errors import DomainError

from . import scope
from .models import Member

PERMISSION = "study.manage_member_access"


class AccessError(DomainError):
    pass


def manageable_members(user):
    """The members whose access ``user`` may manage (none without the
    permission). Every screen and service of this module selects members
    through here."""
    if not user.has_perm(PERMISSION):
        return Member.objects.none()
    return scope.within(Member.objects.all(), user)


def _require(user):
    if not user.has_perm(PERMISSION):
        raise AccessError(_("您没有管理党员登录的权限。"))


# --- Who has what ------------------------------------------------------------------------

LINKED = "linked"
LINKED_UNVERIFIED = "linked_unverified"
SLIP = "slip"
NOTHING = "nothing"

STATE_LABELS = {
    LINKED: gettext_lazy("已关联账户"),
    LINKED_UNVERIFIED: gettext_lazy("已关联（手机号未验证）"),
    SLIP: gettext_lazy("激活码未使用"),
    NOTHING: gettext_lazy("未开通"),
}
STATE_FILTERS = [
    ("", gettext_lazy("全部")),
    (NOTHING, STATE_LABELS[NOTHING]),
    (SLIP, STATE_LABELS[SLIP]),
    (LINKED, gettext_lazy("已关联账户")),
]


def with_access(members, now=None):
    """Annotate each member with ``slip_expires`` (an open activation code's
    expiry, or None) and ``linked_verified``; ``access_state`` reads them."""
    now = now or timezone.now()
    open_codes = ActivationCode.objects.filter(
        phone=OuterRef("phone"), used_at=None, revoked_at=None, expires_at__gt=now
    )
    return members.select_related("user").annotate(
        slip_expires=Subquery(open_codes.values("expires_at")[:1]),
        has_slip=Exists(open_codes),
    )


def access_state(member):
    if member.user_id is not None:
        return LINKED if member.user.phone_verified_at else LINKED_UNVERIFIED
    return SLIP if member.has_slip else NOTHING


def filter_by_state(members, state):
    if state == LINKED:
        return members.exclude(user=None)
    if state == SLIP:
        return members.filter(user=None, has_slip=True)
    if state == NOTHING:
        return members.filter(user=None, has_slip=False)
    return members


# --- Slips -------------------------------------------------------------------------------


@dataclass
class Slip:
    member: Member
    code: str  # formatted, e.g. K7M2-9QXP-4R
    expires_at: object


def issue_slips(members, actor, now=None):
    """A new activation slip for each active member of ``members`` that
    ``actor`` may manage (an earlier unused slip of each is revoked).
    Returns ``(slips, refused)``: refused is ``[(member, reason)]``, e.g. a
    number that belongs to a staff account."""
    _require(actor)
    now = now or timezone.now()
    chosen = (
        manageable_members(actor)
        .filter(pk__in=members.values("pk"), active=True)
        .select_related("branch")
        .order_by("branch__sort_order", "branch__name", "name", "pk")
    )
    slips, refused = [], []
    with transaction.atomic():
        for member in chosen:
            try:
                row, code = proof.issue_activation_code(
                    member.phone, actor=actor, name=member.name, now=now
                )
            except proof.ProofError as error:
                refused.append((member, error.message))
            else:
                slips.append(Slip(member, proof.format_code(code), row.expires_at))
    return slips, refused


def unlink(member, actor):
    """The member's record is no longer linked to its account, and that
    account must prove the number again (a new slip) before it is linked."""
    _require(actor)
    with transaction.atomic():
        member = manageable_members(actor).select_for_update().filter(pk=member.pk).first()
        if member is None:
            raise AccessError(_("找不到这名党员。"))
        if member.user_id is None:
            raise AccessError(_("%(name)s 没有关联账户。") % {"name": member.name})
        account = member.user
        member.user = None
        member.save(update_fields=["user"])
        proof.withdraw_verification(account)
    return member


def link_member(sender, user, **kwargs):
    """Receiver of ``accounts.signals.phone_verified``: the member on the
    register with the account's number is linked to it (replacing an older
    link of that account to a member with another number)."""
    member = Member.objects.select_for_update().filter(phone=user.phone).first()
    if member is None or member.user_id == user.pk:
        return
    Member.objects.filter(user=user).exclude(pk=member.pk).update(user=None)
    member.user = user
    member.save(update_fields=["user"])
