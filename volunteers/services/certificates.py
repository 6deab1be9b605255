"""Certificates of approved service hours (志愿服务证明) and their verification."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.log_actions import log

from ..models import Certificate, RecordStatus, normalise_certificate_code
from .common import COORDINATE, VolunteerError, may

# Longest range one certificate may cover.
MAX_CERTIFICATE_DAYS = 366 * 10


def issue_certificate(volunteer, user, date_from, date_to, issuer, now=None):
    """A certificate of approved hours between two dates (inclusive), with a
    verification code; its figures are fixed when it is issued."""
    now = now or timezone.now()
    if user is None or (user.pk != volunteer.user_id and not may(user, COORDINATE)):
        raise VolunteerError(_("只能为自己开具志愿服务证明。"))
    if date_from is None or date_to is None:
        raise VolunteerError(_("请填写起止日期。"))
    if date_to < date_from:
        raise VolunteerError(_("截止日期不能早于起始日期。"))
    if date_to > timezone.localtime(now).date():
        raise VolunteerError(_("截止日期不能是将来的日期。"))
    if (date_to - date_from).days > MAX_CERTIFICATE_DAYS:
        raise VolunteerError(_("一份证明最多覆盖十年。"))
    records = list(
        volunteer.records.filter(
            status=RecordStatus.APPROVED, date__gte=date_from, date__lte=date_to
        ).order_by("date", "pk")
    )
    if not records:
        raise VolunteerError(_("这段时间内没有已认定的服务时长，无法开具证明。"))
    rows = [
        {
            "date": f"{r.date:%Y-%m-%d}",
            "activity": r.activity_name,
            "place": r.place,
            "content": r.content,
            "hours": str(r.hours),
            "organiser": r.organiser,
            "person_in_charge": r.person_in_charge,
        }
        for r in records
    ]
    with transaction.atomic():
        certificate = Certificate.objects.create(
            volunteer=volunteer,
            date_from=date_from,
            date_to=date_to,
            total_hours=sum((r.hours for r in records), Decimal("0")),
            record_count=len(records),
            holder_name=volunteer.real_name,
            issuer=issuer,
            rows=rows,
            issued_at=now,
        )
        log(certificate, "volunteers.certificate.issue", user)
    return certificate


def verify_certificate(code):
    """The certificate with this code, or None (a forged or mistyped code)."""
    code = normalise_certificate_code(code)
    if len(code) != 12:
        return None
    return Certificate.objects.filter(code=code).first()
