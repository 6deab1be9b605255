"""组织生活 in the Wagtail admin: one menu place (menu_order 265) with the
meetings' screens and the frequencies as a model viewset; and the answers
to other apps' hooks (log actions, the member's year figures)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from core import log_actions
from core.admin_views import AppViewSetGroup, Screen, ScreenViewSet

from . import admin_register, admin_views, figures, personal_data
from .log_actions import ACTIONS
from .models import MeetingRequirement


class MeetingScreens(ScreenViewSet):
    name = admin_views.URL_NAMESPACE
    url_prefix = "meetings"
    icon = "group"
    screens = (
        Screen("register/", admin_register.RegisterView, "register", _("三会一课台账"), "table"),
        Screen("", admin_views.MeetingListView, "index", _("会议记录"), "list-ul"),
        Screen("new/", admin_views.MeetingFormView, "new", _("登记会议"), "plus"),
        Screen("overview/", admin_register.OverviewView, "overview", _("各支部概况"), "site"),
        Screen("register/print/", admin_register.RegisterPrintView, "print"),
        Screen("register/export/", admin_register.RegisterExportView, "export"),
        Screen("<id:pk>/", admin_views.MeetingFormView, "edit"),
        Screen("<id:pk>/delete/", admin_views.MeetingDeleteView, "delete"),
    )


class RequirementViewSet(ModelViewSet):
    """The frequencies (one per kind, seeded by migration 0002), changed by
    whoever holds ``meetings.change_meetingrequirement`` (社区远教管理员, who
    is not granted add or delete: a kind without a row is not required)."""

    model = MeetingRequirement
    icon = "time"
    menu_label = _("频次要求")
    add_to_admin_menu = False
    form_fields = ["period", "count", "remind_days"]
    list_display = ["kind", "period", "count", "remind_days"]
    copy_view_enabled = False


class MeetingsViewSetGroup(AppViewSetGroup):
    menu_label = _("组织生活")
    menu_icon = "group"
    menu_order = 265
    items = (MeetingScreens(), RequirementViewSet("meetings_requirement"))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return MeetingsViewSetGroup()


@hooks.register("register_log_actions")
def meetings_log_actions(actions):
    log_actions.register(actions, ACTIONS)


@hooks.register("register_member_year_figures")
def meetings(members, year):
    """Meetings of the register each member attended in the year."""
    return figures.member_year_figures(members, year)


@hooks.register("register_personal_data")
def meetings_personal_data():
    return personal_data.provider()
