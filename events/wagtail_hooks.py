from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page

from core import log_actions
from core.search import SearchType

from . import admin_views, personal_data
from .capacity import ACTIVE
from .log_actions import ACTIONS
from .models import EventPage, Registration


@hooks.register("register_admin_viewset")
def registration_screens():
    return admin_views.RegistrationScreens()


@hooks.register("register_page_listing_buttons")
def registrant_list_button(page, user, next_url=None):
    specific_class = page.specific_class
    if (
        specific_class
        and issubclass(specific_class, EventPage)
        and user.has_perm("events.view_registration")
    ):
        yield ListingButton(
            _("报名名单"),
            reverse(f"{admin_views.URL_NAMESPACE}:index") + f"?event={page.pk}",
            priority=60,
        )


def _active_registrations_under(pages):
    """Active registrations for coming dates of any event among these pages
    or below them (deleting a page deletes its subtree)."""
    tree = Q()
    for page in pages:
        tree |= Q(path__startswith=page.path)
    if not tree:
        return 0
    return Registration.objects.filter(
        occurrence__event__in=EventPage.objects.filter(tree),
        occurrence__end__gte=timezone.now(),
        status__in=ACTIVE,
    ).count()


def _refuse_delete(request, active):
    messages.error(
        request,
        _("这个活动还有 %(n)s 条未结束场次的报名，不能删除。请先取消这些报名，或者只撤销发布。")
        % {"n": active},
    )


@hooks.register("before_delete_page")
def keep_events_with_registrations(request, page):
    """An event whose coming dates have registrations is not deleted (that
    would delete the registrations with it), nor is a page above one:
    unpublish it, or cancel the registrations first."""
    active = _active_registrations_under([page])
    if not active:
        return None
    _refuse_delete(request, active)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def keep_events_with_registrations_in_bulk(request, action_type, objects, action_class_instance):
    """The same rule for the page listing's bulk delete."""
    if action_type != "delete" or not all(isinstance(obj, Page) for obj in objects):
        return None
    active = _active_registrations_under(objects)
    if not active:
        return None
    _refuse_delete(request, active)
    return redirect(request.GET.get("next") or "wagtailadmin_explore_root")


@hooks.register("register_log_actions")
def event_log_actions(actions):
    log_actions.register(actions, ACTIONS)


@hooks.register("register_search_type")
def event_search_type():
    return SearchType("event", _("社区活动"), EventPage, order=20)


@hooks.register("register_personal_data")
def registrations_personal_data():
    return personal_data.provider()


@hooks.register("register_account_section")
def my_registrations_section(request):
    return {
        "title": _("我的活动报名"),
        "url": reverse("events:mine"),
        "description": _("查看报名的活动、签到二维码和候补情况，或取消报名。"),
        "order": 20,
    }
