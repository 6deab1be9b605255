"""Volunteer registration and its review by a coordinator (approve, reject)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.validators import normalize_mobile
from core.log_actions import log
from core.text import clean_text

from ..models import CONSENT_VERSION, Volunteer, VolunteerStatus
from .common import REVIEW_VOLUNTEERS, VolunteerError, _purge_after_commit, _require


def volunteer_for(user):
    """The user's volunteer row (not deleted), or None."""
    if user is None or not user.is_authenticated:
        return None
    return Volunteer.objects.filter(user=user).exclude(status=VolunteerStatus.DELETED).first()


def register_volunteer(
    user,
    *,
    real_name,
    phone,
    areas=(),
    skills=(),
    availability=(),
    preferred_team=None,
    is_party_member=False,
    work_unit="",
    show_on_leaderboard=False,
    consent=False,
    email="",
    now=None,
):
    """Register ``user`` as a volunteer (pending approval). A rejected
    volunteer may apply again; anyone else already registered may not."""
    now = now or timezone.now()
    real_name = clean_text(real_name)
    work_unit = clean_text(work_unit)
    if not consent:
        raise VolunteerError(_("请阅读并同意个人信息说明后再提交。"))
    if not real_name:
        raise VolunteerError(_("请填写真实姓名。"))
    if is_party_member and not work_unit:
        raise VolunteerError(_("在职党员请填写工作单位。"))
    if not areas:
        raise VolunteerError(_("请至少选择一个服务领域。"))
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().filter(user=user).first()
        if volunteer is not None and volunteer.status in (
            VolunteerStatus.PENDING,
            VolunteerStatus.APPROVED,
        ):
            raise VolunteerError(_("您已经登记过志愿者，不需要重复登记。"))
        if volunteer is None:
            volunteer = Volunteer(user=user)
        volunteer.real_name = real_name[:50]
        volunteer.phone = normalize_mobile(phone or user.phone)
        volunteer.availability = ",".join(availability)
        volunteer.preferred_team = preferred_team
        volunteer.is_party_member = bool(is_party_member)
        volunteer.work_unit = work_unit[:100] if is_party_member else ""
        volunteer.show_on_leaderboard = bool(show_on_leaderboard)
        volunteer.consent_version = CONSENT_VERSION
        volunteer.consented_at = now
        volunteer.status = VolunteerStatus.PENDING
        volunteer.decided_by = None
        volunteer.decided_at = None
        volunteer.decision_reason = ""
        volunteer.created_at = now
        volunteer.save()
        volunteer.areas.set(areas)
        volunteer.skills.set(skills)
        changed = []
        if not user.real_name:
            user.real_name = volunteer.real_name
            changed.append("real_name")
        email = str(email or "").strip()
        if email and email != user.email:
            user.email = email  # for notices such as a shift's waiting list moving up
            changed.append("email")
        if changed:
            user.save(update_fields=changed)
        log(volunteer, "volunteers.volunteer.register", user)
    return volunteer


def approve_volunteer(volunteer, actor, now=None):
    return _review(volunteer, actor, VolunteerStatus.APPROVED, "", now)


def reject_volunteer(volunteer, actor, reason, now=None):
    reason = clean_text(reason)
    if not reason:
        raise VolunteerError(_("请填写未通过的原因，志愿者会看到它。"))
    return _review(volunteer, actor, VolunteerStatus.REJECTED, reason[:200], now)


def _review(volunteer, actor, status, reason, now):
    _require(actor, REVIEW_VOLUNTEERS)
    with transaction.atomic():
        volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
        if volunteer.user_id == actor.pk:
            raise VolunteerError(_("不能审核自己的志愿者登记。"))
        if volunteer.status != VolunteerStatus.PENDING:
            raise VolunteerError(
                _("这份登记已经处理过了（%(status)s）。")
                % {"status": volunteer.get_status_display()}
            )
        volunteer.status = status
        volunteer.decision_reason = reason
        volunteer.decided_by = actor
        volunteer.decided_at = now or timezone.now()
        if status == VolunteerStatus.APPROVED and volunteer.team_id is None:
            volunteer.team_id = volunteer.preferred_team_id
        volunteer.save()
        verb = "approve" if status == VolunteerStatus.APPROVED else "reject"
        log(volunteer, f"volunteers.volunteer.{verb}", actor)
        if status == VolunteerStatus.APPROVED:
            _purge_after_commit()  # the public count of volunteers changed
    return volunteer
