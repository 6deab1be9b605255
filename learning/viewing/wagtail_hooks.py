"""远教站点 in the Wagtail admin, and the app's answers to other apps' hooks."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core import log_actions
from core.admin_views import AppViewSetGroup

from . import personal_data_demand
from .admin_demand import DemandScreens
from .log_actions import ACTIONS
from .services import demand


class ViewingViewSetGroup(AppViewSetGroup):
    menu_label = _("远教站点")
    menu_icon = "desktop"
    menu_order = 268
    items = (DemandScreens(),)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ViewingViewSetGroup()


@hooks.register("register_log_actions")
def viewing_log_actions(actions):
    log_actions.register(actions, ACTIONS)


@hooks.register("register_account_section")
def my_viewing_requests_section(request):
    """我的点播需求: for those who may ask, and anyone who once asked."""
    user = request.user
    if not user.is_authenticated:
        return None
    if not demand.may_take_part(user) and not user.viewing_requests.exists():
        return None
    return {
        "title": _("我的点播需求"),
        "url": reverse("viewing:demand_mine"),
        "description": _("想在远教站点看的内容：提出需求、为别人的需求投票，看看答复。"),
        "order": 12,
    }


@hooks.register("register_study_plan_aside")
def most_wanted_aside(request, year):
    """群众点播需求 beside 学习计划总览: the open requests with the most votes."""
    return {
        "template": "viewing/demand/admin/plan_aside.html",
        "order": 10,
        "requests": demand.most_wanted(),
        "link": request.user.has_perm(demand.ANSWER_REQUEST),
    }


@hooks.register("register_personal_data")
def viewing_requests_personal_data():
    return personal_data_demand.provider()
