"""远教站点 in the Wagtail admin, and the app's answers to other apps' hooks."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from core import log_actions
from core.admin_views import AppViewSetGroup
from learning.study import scope
from learning.study.models import StudySession

from . import admin_screening
from .log_actions import ACTIONS


class ViewingViewSetGroup(AppViewSetGroup):
    menu_label = _("远教站点")
    menu_icon = "desktop"
    menu_order = 268
    items = (admin_screening.ScreeningScreens(),)


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
    return {
        "title": _("现场观看记录"),
        "url": reverse("viewing:watched"),
        "description": _("在远教活动室学习会上现场观看过的课程。"),
        "order": 12,
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
