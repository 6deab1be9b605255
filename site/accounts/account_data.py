"""The account's own part of 我的数据: the account, the admin profile, the
login records django-axes keeps (time, address, browser) and, for staff, what
they did in the admin (Wagtail's log)."""

import unicodedata

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.personal_data import PersonalData

from .validators import normalize_mobile

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _axes_models():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return {"logins": AccessLog, "failed_logins": AccessAttempt, "lockouts": AccessFailureLog}


def _axes_rows(model, phone):
    """Rows whose typed number (with spaces, +86, full-width digits) is ``phone``."""
    if not phone:
        return model.objects.none()
    tail = phone[-4:]
    candidates = model.objects.filter(
        Q(username__contains=tail) | Q(username__contains=tail.translate(_FULL_WIDTH))
    ).only("pk", "username")
    return model.objects.filter(
        pk__in=[
            row.pk
            for row in candidates
            if normalize_mobile(unicodedata.normalize("NFKC", row.username or "")) == phone
        ]
    )


def _log_entries(user):
    from wagtail.models import ModelLogEntry, PageLogEntry

    for model in (PageLogEntry, ModelLogEntry):
        yield from model.objects.filter(user_id=user.pk).order_by("timestamp")


def _proof_rows(user):
    """Activation slips and SMS codes issued for the account's number (the
    codes themselves are only ever stored as hashes)."""
    from .models import ActivationCode, SmsCode

    return (
        ActivationCode.objects.filter(phone=user.phone).order_by("created_at"),
        SmsCode.objects.filter(phone=user.phone).order_by("created_at"),
    )


def export(user):
    profile = getattr(user, "wagtail_userprofile", None)
    slips, sms_codes = _proof_rows(user)
    data = {
        "phone": user.phone,
        "phone_verified_at": user.phone_verified_at,
        "real_name": user.real_name,
        "email": user.email,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "roles": sorted(group.name for group in user.groups.all()),
        "admin_profile": {
            "preferred_language": profile.preferred_language,
            "time_zone": profile.current_time_zone,
            "avatar": profile.avatar.name if profile.avatar else "",
        }
        if profile
        else None,
    }
    for key, model in _axes_models().items():
        data[key] = [
            {
                "time": row.attempt_time,
                "ip_address": row.ip_address,
                "browser": row.user_agent,
                "typed_number": row.username,
            }
            for row in _axes_rows(model, user.phone).order_by("attempt_time")
        ]
    data["activation_slips"] = [
        {
            "issued_at": row.created_at,
            "expires_at": row.expires_at,
            "used_at": row.used_at,
            "revoked_at": row.revoked_at,
        }
        for row in slips
    ]
    data["sms_codes"] = [
        {"sent_at": row.created_at, "used_at": row.used_at, "ip_address": row.address}
        for row in sms_codes
    ]
    data["admin_actions"] = [
        {"time": entry.timestamp, "action": entry.action, "object": entry.label}
        for entry in _log_entries(user)
    ]
    return data


def summary(user):
    lines = [
        _("手机号码 %(phone)s，姓名 %(name)s")
        % {"phone": user.masked_phone, "name": user.real_name or _("未填写")},
        _("注册时间 %(date)s") % {"date": f"{timezone.localtime(user.date_joined):%Y年%m月%d日}"},
    ]
    if user.email:
        lines.append(_("电子邮箱 %(email)s") % {"email": user.email})
    logins = sum(_axes_rows(model, user.phone).count() for model in _axes_models().values())
    if logins:
        lines.append(_("登录记录 %(n)s 条（时间、IP 地址和浏览器）") % {"n": logins})
    return lines


def erase(user, actor, now):
    from wagtail.models import ModelLogEntry

    for model in _axes_models().values():
        _axes_rows(model, user.phone).delete()
    for rows in _proof_rows(user):
        rows.delete()
    # Wagtail's log names the account in entries about it (created, edited).
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(user)), object_id=str(user.pk)
    ).update(label=_("已注销用户"))
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        profile.avatar.delete(save=False)


def provider():
    return PersonalData(
        key="account",
        label=gettext_lazy("账户"),
        export=export,
        erase=erase,
        summary=summary,
        erased=gettext_lazy(
            "账户本身（手机号码、姓名、电子邮箱、密码）、登录记录和发给这个号码的激活码、短信验证码记录全部删除，注销后不能再登录。"
        ),
        order=0,
    )
