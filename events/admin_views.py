"""Organisers' screens in the Wagtail admin: occurrences with their figures,
the registrant list of one occurrence with check-in, cancel and Excel export.

Permissions: ``events.view_registration`` to see lists; full phone numbers
only with ``events.view_registrant_phone``; ``events.check_in_registration``
to check people in; ``events.change_registration`` to cancel for someone.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.admin_views import AdminScreen, PermissionRequired, Screen, ScreenViewSet
from core.excel import xlsx_response
from core.pagination import paginate
from core.privacy import mask_phone

from . import services
from .capacity import RegistrationStatus
from .models import Occurrence, Registration

URL_NAMESPACE = "event_registrations"
VIEW = "events.view_registration"


def occurrences_with_figures():
    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    return Occurrence.objects.select_related("event").annotate(
        confirmed_places=Sum("registrations__places", filter=confirmed),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
        ),
        checked_in_count=Count(
            "registrations", filter=confirmed & Q(registrations__checked_in_at__isnull=False)
        ),
    )


class OccurrenceIndexView(AdminScreen, TemplateView):
    page_title = gettext_lazy("活动报名")
    header_icon = "group"
    template_name = "events/admin/occurrence_index.html"
    permission_required = VIEW

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        occurrences = occurrences_with_figures().filter(event__registration_enabled=True)
        event_id = self.request.GET.get("event", "")
        if event_id.isdigit():
            occurrences = occurrences.filter(event_id=int(event_id))
        show_past = self.request.GET.get("past") == "1"
        if show_past:
            occurrences = occurrences.filter(end__lt=now).order_by("-start")
        else:
            occurrences = occurrences.filter(end__gte=now).order_by("start")
        context["page_obj"] = paginate(self.request, occurrences, 30)
        context["show_past"] = show_past
        context["url_namespace"] = URL_NAMESPACE
        return context


class RegistrantListView(AdminScreen, TemplateView):
    header_icon = "group"
    template_name = "events/admin/registrant_list.html"
    permission_required = VIEW

    def prepare(self, request, pk):
        self.occurrence = get_object_or_404(occurrences_with_figures(), pk=pk)

    def get_page_title(self):
        return _("报名名单")

    def get_page_subtitle(self):
        return f"{self.occurrence.event.title} · {self.occurrence.when}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{URL_NAMESPACE}:index"), "label": _("活动报名")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        show_phone = user.has_perm("events.view_registrant_phone")
        rows = []
        waiting_position = 0
        for registration in self.occurrence.registrations.select_related("user").order_by("id"):
            if registration.status == RegistrationStatus.WAITING:
                waiting_position += 1
            rows.append(
                {
                    "registration": registration,
                    "phone": registration.phone if show_phone else mask_phone(registration.phone),
                    "waiting_position": waiting_position if registration.is_waiting else None,
                }
            )
        context.update(
            {
                "occurrence": self.occurrence,
                "rows": rows,
                "can_check_in": user.has_perm("events.check_in_registration"),
                "can_cancel": user.has_perm("events.change_registration"),
                "url_namespace": URL_NAMESPACE,
            }
        )
        return context


class RegistrationActionView(PermissionRequired, View):
    """POST: check in, undo a check-in, or cancel one registration (each
    action with its own permission besides seeing the list)."""

    permission_required = VIEW
    ACTIONS = {
        "check_in": "events.check_in_registration",
        "undo_check_in": "events.check_in_registration",
        "cancel": "events.change_registration",
    }

    def prepare(self, request, pk, action):
        if action not in self.ACTIONS:
            raise Http404
        if not request.user.has_perm(self.ACTIONS[action]):
            raise PermissionDenied

    def post(self, request, pk, action):
        registration = get_object_or_404(Registration.objects.select_related("occurrence"), pk=pk)
        try:
            if action == "check_in":
                services.check_in(registration, request.user)
                messages.success(request, _("已为 %(name)s 签到。") % {"name": registration.name})
            elif action == "undo_check_in":
                services.undo_check_in(registration, request.user)
                messages.success(
                    request, _("已撤销 %(name)s 的签到。") % {"name": registration.name}
                )
            else:
                services.cancel(registration, actor=request.user)
                messages.success(
                    request, _("已取消 %(name)s 的报名。") % {"name": registration.name}
                )
        except services.RegistrationError as error:
            messages.error(request, error.message)
        return redirect(f"{URL_NAMESPACE}:registrants", registration.occurrence_id)


class ExportView(PermissionRequired, View):
    permission_required = VIEW

    def get(self, request, pk):
        occurrence = get_object_or_404(Occurrence.objects.select_related("event"), pk=pk)
        show_phone = request.user.has_perm("events.view_registrant_phone")
        headers = [
            _("序号"),
            _("姓名"),
            _("手机号码"),
            _("同行人数"),
            _("占用名额"),
            _("状态"),
            _("候补顺序"),
            _("报名时间"),
            _("签到时间"),
        ]
        rows = []
        waiting = 0
        for number, registration in enumerate(occurrence.registrations.order_by("id"), start=1):
            if registration.is_waiting:
                waiting += 1
            rows.append(
                [
                    number,
                    registration.name,
                    registration.phone if show_phone else mask_phone(registration.phone),
                    registration.companions,
                    registration.places,
                    str(registration.get_status_display()),
                    waiting if registration.is_waiting else "",
                    _local(registration.created_at),
                    _local(registration.checked_in_at),
                ]
            )
        filename = f"{occurrence.event.title}-{occurrence.day:%Y%m%d}-报名名单.xlsx"
        return xlsx_response(filename, _("报名名单"), headers, rows)


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""


class RegistrationScreens(ScreenViewSet):
    """活动报名 in the admin menu: occurrences, registrant lists, exports."""

    name = URL_NAMESPACE
    url_prefix = "event-registrations"
    menu_label = gettext_lazy("活动报名")
    icon = "group"
    add_to_admin_menu = True
    menu_order = 250
    screens = (
        Screen("", OccurrenceIndexView, "index", menu_label=gettext_lazy("活动报名")),
        Screen("<id:pk>/", RegistrantListView, "registrants"),
        Screen("<id:pk>/export/", ExportView, "export"),
        Screen("registration/<id:pk>/<str:action>/", RegistrationActionView, "action"),
    )
