from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core import log_actions
from events.models import Audience

from . import personal_data, services
from .log_actions import ACTIONS
from .models import FIGURES, VolunteerIndexPage, Wish, WishStatus, figure_expressions
from .viewsets import VolunteerViewSetGroup


@hooks.register("register_admin_viewset")
def register_viewsets():
    return VolunteerViewSetGroup()


@hooks.register("register_log_actions")
def volunteer_log_actions(actions):
    log_actions.register(actions, ACTIONS)


@hooks.register("events_audience_allows")
def volunteers_only(event, user):
    """Events for volunteers accept approved volunteers only."""
    if event.audience != Audience.VOLUNTEERS:
        return None
    volunteer = services.volunteer_for(user)
    return volunteer is not None and volunteer.is_approved


@hooks.register("register_personal_data")
def volunteer_personal_data():
    return personal_data.provider()


@hooks.register("register_account_section")
def my_volunteer_service(request):
    return {
        "title": _("我的志愿服务"),
        "url": reverse("volunteers:me"),
        "description": _("登记成为志愿者，查看班次、服务时长、证明和认领的微心愿。"),
        "order": 30,
    }


@hooks.register("register_home_section")
def volunteer_service_section(now):
    """志愿服务 on the home page: the figures and the newest open wishes.
    The same for everyone; services purge the page cache when they change.
    The section page and its figures come in one query."""
    page = VolunteerIndexPage.objects.live().annotate(**figure_expressions()).first()
    if page is None:
        return None
    return {
        "template": "volunteers/includes/home_section.html",
        "order": 30,
        "page": page,
        "wishes": list(
            Wish.objects.filter(status=WishStatus.OPEN).order_by("-decided_at", "-pk")[:3]
        ),
        **{name: getattr(page, name) for name in FIGURES},
    }


@hooks.register("register_member_year_figures")
def volunteer_year_figures(members, year):
    """Party members' approved volunteer hours in ``year``, for the
    民主评议 (members are duck-typed: volunteers know nothing of learning).
    A member's volunteers are found by the member's account, else by the
    same mobile number (normalised). Two queries for all the members."""
    from collections import defaultdict

    from django.db.models import Q

    from accounts.validators import normalize_mobile

    from .models import ServiceRecord, Volunteer

    phones = {m.pk: normalize_mobile(m.phone or "") for m in members}
    users = {m.pk: m.user_id for m in members if m.user_id}
    match = Q(phone__in=[p for p in phones.values() if p]) | Q(user_id__in=users.values())
    volunteers = list(Volunteer.objects.filter(match).values_list("pk", "phone", "user_id"))
    if not volunteers:
        return {}
    hours = ServiceRecord.objects.filter(
        volunteer__in=[pk for pk, _phone, _user in volunteers], date__year=year
    ).approved_hours_by_volunteer()
    by_phone, by_user = defaultdict(set), defaultdict(set)
    for pk, phone, user_id in volunteers:
        by_phone[phone].add(pk)
        if user_id:
            by_user[user_id].add(pk)
    found = {}
    for member in members:
        mine = set(by_phone.get(phones[member.pk], ())) if phones[member.pk] else set()
        if member.user_id:
            mine |= by_user.get(member.user_id, set())
        if mine:
            total = sum((hours.get(pk) or Decimal("0") for pk in mine), Decimal("0"))
            found[member.pk] = [
                {
                    "key": "volunteer_hours",
                    "label": _("志愿服务时长（小时）"),
                    "value": total,
                    "order": 40,
                }
            ]
    return found
