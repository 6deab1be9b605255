"""The events app's part of 我的数据: the account's registrations."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.personal_data import PersonalData, erased_name

from . import services
from .capacity import ACTIVE
from .models import Registration


def _registrations(user):
    return Registration.objects.filter(user=user).select_related("occurrence__event")


def export(user):
    return [
        {
            "event": r.occurrence.event.title,
            "date": r.occurrence.start,
            "place": r.occurrence.event.place,
            "status": r.get_status_display(),
            "name": r.name,
            "phone": r.phone,
            "email": r.email,
            "companions": r.companions,
            "places": r.places,
            "registered_at": r.created_at,
            "promoted_at": r.promoted_at,
            "cancelled_at": r.cancelled_at,
            "cancel_reason": r.cancel_reason,
            "checked_in_at": r.checked_in_at,
        }
        for r in _registrations(user).order_by("occurrence__start", "pk")
    ]


def summary(user):
    registrations = _registrations(user)
    total = registrations.count()
    if not total:
        return []
    coming = registrations.filter(status__in=ACTIVE, occurrence__start__gt=timezone.now()).count()
    return [_("活动报名 %(n)s 条，其中未开始的 %(m)s 条") % {"n": total, "m": coming}]


def erase(user, actor, now):
    coming = _registrations(user).filter(status__in=ACTIVE, occurrence__start__gt=now)
    for registration in coming:
        # Through the service: the waiting list moves up and is told after
        # commit. The system cancels (actor None): erase_account has already
        # checked who may erase whom.
        services.cancel(registration, None, now, reason=_("报名人注销账户"))
    Registration.objects.filter(user=user).update(user=None, name=erased_name(), phone="", email="")


def provider():
    return PersonalData(
        key="event_registrations",
        label=gettext_lazy("活动报名"),
        export=export,
        erase=erase,
        summary=summary,
        erased=gettext_lazy(
            "还没开始的活动报名全部取消，候补的居民依次递补并收到通知；"
            "每条报名上的姓名、手机号码和电子邮箱都删除。"
            "没有登录、只填写姓名和手机号码的报名不属于账户，如需删除请联系社区工作人员。"
        ),
        kept=gettext_lazy(
            "已经举行的活动的报名和签到不具名保留（显示为“已注销用户”），"
            "因为活动的参加人数是社区工作台账的一部分，删去会让统计失真。"
        ),
        order=20,
    )
