"""Micro-wishes (微心愿): posting, moderation, claiming and fulfilling (which
submits a service record).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.validators import normalize_mobile
from core.log_actions import log
from core.text import clean_text

from ..models import RecordSource, Wish, WishStatus
from .common import MODERATE_WISHES, VolunteerError, _purge_after_commit, _require
from .people import volunteer_for
from .records import submit_record


def post_wish(*, title, description, beneficiary, place, contact_name, contact_phone, user=None):
    values = {
        "title": title,
        "description": description,
        "beneficiary": beneficiary,
        "place": place,
        "contact_name": contact_name,
    }
    for name, value in values.items():
        values[name] = clean_text(value)
        if not values[name]:
            raise VolunteerError(_("请把心愿、说明、受助人、地点和联系人都填写完整。"))
    poster = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        wish = Wish.objects.create(
            posted_by=poster, contact_phone=normalize_mobile(contact_phone), **values
        )
        log(wish, "volunteers.wish.post", poster)
    return wish


def _locked_wish(wish):
    return Wish.objects.select_for_update().get(pk=wish.pk)


def _moderate_wish(wish, actor, status, now, decision_reason=""):
    _require(actor, MODERATE_WISHES)
    if status == WishStatus.REJECTED and not decision_reason:
        raise VolunteerError(_("请填写未通过的原因。"))
    with transaction.atomic():
        wish = _locked_wish(wish)
        if wish.status != WishStatus.PENDING:
            raise VolunteerError(_("这个心愿已经审核过了。"))
        wish.status = status
        wish.decided_by = actor
        wish.decided_at = now or timezone.now()
        wish.decision_reason = decision_reason
        wish.save()
        verb = "publish" if status == WishStatus.OPEN else "reject"
        log(wish, f"volunteers.wish.{verb}", actor)
        if status == WishStatus.OPEN:
            _purge_after_commit()
    return wish


def publish_wish(wish, actor, now=None):
    return _moderate_wish(wish, actor, WishStatus.OPEN, now)


def reject_wish(wish, actor, reason, now=None):
    reason = clean_text(reason)
    return _moderate_wish(wish, actor, WishStatus.REJECTED, now, decision_reason=reason[:200])


def claim_wish(wish, user, now=None):
    volunteer = volunteer_for(user)
    if volunteer is None or not volunteer.is_approved:
        raise VolunteerError(_("通过志愿者审核后才能认领心愿。"))
    with transaction.atomic():
        wish = _locked_wish(wish)
        if wish.status != WishStatus.OPEN:
            raise VolunteerError(_("这个心愿已经被认领或已经实现了。"))
        wish.status = WishStatus.CLAIMED
        wish.claimed_by = volunteer
        wish.claimed_at = now or timezone.now()
        wish.save()
        log(wish, "volunteers.wish.claim", user)
        _purge_after_commit()
    return wish


def fulfil_wish(wish, user, *, date, start_time, end_time, content, now=None):
    """The claiming volunteer marks the wish fulfilled; the time becomes a
    submitted service record, approved like any other."""
    now = now or timezone.now()
    volunteer = volunteer_for(user)
    with transaction.atomic():
        wish = _locked_wish(wish)
        if (
            wish.status != WishStatus.CLAIMED
            or volunteer is None
            or wish.claimed_by_id != volunteer.pk
        ):
            raise VolunteerError(_("只有认领这个心愿的志愿者可以标记实现。"))
        record = submit_record(
            volunteer,
            user,
            activity_name=_("微心愿：%(title)s") % {"title": wish.title},
            date=date,
            start_time=start_time,
            end_time=end_time,
            place=wish.place,
            content=content or wish.description,
            organiser=_("社区微心愿"),
            person_in_charge=wish.decided_by.get_full_name() if wish.decided_by else _("社区"),
            source=RecordSource.WISH,
            now=now,
        )
        wish.status = WishStatus.FULFILLED
        wish.fulfilled_at = now
        wish.record = record
        wish.save()
        log(wish, "volunteers.wish.fulfil", user)
        _purge_after_commit()
    return wish
