"""远教站点 in the Wagtail admin (one menu place, order 268), and the app's
answers to other apps' hooks."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from core import log_actions
from core.admin_views import AppViewSetGroup
from learning.study import scope
from learning.study.models import StudySession
from learning.study.services import member_for_user

from . import admin_screening, personal_data_demand
from .admin_demand import DemandScreens
from .admin_equipment_care import EquipmentScreens
from .log_actions import ACTIONS
from .services import demand


class ViewingViewSetGroup(AppViewSetGroup):
    menu_label = _("远教站点")
    menu_icon = "desktop"
    menu_order = 268
    items = (EquipmentScreens(), admin_screening.ScreeningScreens(), DemandScreens())


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ViewingViewSetGroup()


@hooks.register("register_log_actions")
def viewing_log_actions(actions):
    log_actions.register(actions, ACTIONS)


@hooks.register("register_page_listing_buttons")
def screening_button(page, user, next_url=None):
    if (
        page.specific_class is StudySession
        and user.has_perm(admin_screening.SCREEN)
        and (scope.sees_all_branches(user) or page.pk in scope.session_ids_for(user))
    ):
        yield ListingButton(_("放映"), admin_screening.url("play", page.pk), priority=56)


@hooks.register("register_account_section")
def watched_on_site_section(request):
    """现场观看记录: for party members."""
    if member_for_user(request.user) is None:
        return None
    return {
        "title": _("现场观看记录"),
        "url": reverse("viewing:watched"),
        "description": _("在远教活动室学习会上现场观看过的课程。"),
        "order": 13,
    }


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
        "order": 14,
    }


@hooks.register("register_member_year_figures")
def watched_on_site_year_figures(members, year):
    """Different courses each member watched on site (a screening played
    them to 90 % at a session they attended in the room) in the year."""
    from .services.screening_credit import year_counts

    return {
        pk: [
            {
                "key": "viewing_on_site_courses",
                "label": _("现场观看课程（门）"),
                "value": n,
                "order": 23,
            }
        ]
        for pk, n in year_counts(members, year).items()
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
