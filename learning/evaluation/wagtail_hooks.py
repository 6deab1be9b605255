"""The 民主评议 menu of the Wagtail admin and the app's log actions."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core import log_actions
from core.admin_views import AppViewSetGroup, Screen, ScreenViewSet

from . import admin_views, personal_data
from .log_actions import ACTIONS


@hooks.register("register_log_actions")
def evaluation_log_actions(actions):
    log_actions.register(actions, ACTIONS)


class EvaluationScreens(ScreenViewSet):
    name = "evaluation_admin"
    url_prefix = "evaluation"
    icon = "group"
    screens = (
        Screen("", admin_views.OverviewView, "overview", _("民主评议"), "group"),
        Screen("open/", admin_views.OpenRoundView, "open"),
        Screen("round/<id:pk>/advance/", admin_views.AdvanceView, "advance"),
        Screen("member/<id:pk>/", admin_views.ParticipationView, "participation"),
        Screen("grade/", admin_views.GradeBranchView, "grade_branch"),
        Screen("paper/<id:pk>/", admin_views.PaperBallotView, "paper"),
        Screen("print/<id:year>/", admin_views.PrintView, "print"),
        Screen("export/<id:year>/", admin_views.ExportView, "export"),
    )


class EvaluationGroup(AppViewSetGroup):
    menu_label = _("民主评议")
    menu_icon = "group"
    menu_order = 266
    items = (EvaluationScreens(),)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return EvaluationGroup()


@hooks.register("register_account_section")
def my_evaluation_section(request):
    return {
        "title": _("我的民主评议"),
        "url": reverse("evaluation:mine"),
        "description": _("填写自评、民主测评投票、查看评定结果。"),
        "order": 12,
    }


@hooks.register("register_personal_data")
def evaluation_personal_data():
    return personal_data.provider()
