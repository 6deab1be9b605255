from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from core import log_actions
from events.models import Audience

from . import admin_reports, admin_views, personal_data, services
from .log_actions import ACTIONS
from .models import VolunteerIndexPage, Wish, WishStatus, public_figures
from .viewsets import VolunteerViewSetGroup


@hooks.register("register_admin_viewset")
def register_viewsets():
    return VolunteerViewSetGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.WorkbenchView.as_view(), name="workbench"),
        path(
            "decide/<str:kind>/<id:pk>/<str:decision>/",
            admin_views.DecisionView.as_view(),
            name="decide",
        ),
        path("shifts/", admin_views.ShiftIndexView.as_view(), name="shifts"),
        path("shifts/<id:pk>/", admin_views.ShiftRosterView.as_view(), name="roster"),
        path("records/<id:pk>/", admin_views.RecordDetailView.as_view(), name="record"),
        path("report/", admin_reports.ReportView.as_view(), name="report"),
        path("report/export/", admin_reports.ReportExportView.as_view(), name="report_export"),
    ]
    ns = admin_views.URL_NAMESPACE
    return [path("volunteer-service/", include((urls, ns), namespace=ns))]


class _CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(services.COORDINATE)


@hooks.register("register_admin_menu_item")
def coordinator_menu():
    ns = admin_views.URL_NAMESPACE
    menu = Menu(
        items=[
            _CoordinatorMenuItem(
                _("工作台"), reverse(f"{ns}:workbench"), icon_name="tasks", order=1
            ),
            _CoordinatorMenuItem(_("班次名单"), reverse(f"{ns}:shifts"), icon_name="date", order=2),
            _CoordinatorMenuItem(
                _("时长统计"), reverse(f"{ns}:report"), icon_name="table", order=3
            ),
        ]
    )
    return _CoordinatorSubmenu(_("志愿服务"), menu, icon_name="group", order=270)


class _CoordinatorSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(services.COORDINATE)


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
    The same for everyone; services purge the page cache when they change."""
    page = VolunteerIndexPage.objects.live().first()
    if page is None:
        return None
    return {
        "template": "volunteers/includes/home_section.html",
        "order": 30,
        "page": page,
        "wishes": list(
            Wish.objects.filter(status=WishStatus.OPEN).order_by("-moderated_at", "-pk")[:3]
        ),
        **public_figures(),
    }
