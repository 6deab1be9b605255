"""Coordinators' screens in the Wagtail admin.

* 工作台: what waits for a decision (registrations, hours, corrections,
  wishes), each approved or rejected with a reason through services.
* 班次名单: a shift's sign-ups with check-in/out marking, desk sign-up and
  the shift's QR code to print.
* 服务记录: one record with its full history, and changes with a reason.
(时长统计, hours per year with a chart and an Excel export, is in
admin_reports.)

Every action is a service call; a refusal becomes an error message.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.admin_views import AdminScreen, PermissionRequired
from core.pagination import paginate
from core.privacy import mask_phone
from core.qr import qr_svg
from core.site_url import absolute_url

from . import services
from .forms import AttendanceForm, DeskSignupForm, RecordChangeForm
from .models import (
    CorrectionRequest,
    CorrectionStatus,
    RecordStatus,
    ServiceRecord,
    Shift,
    ShiftSignup,
    Volunteer,
    VolunteerStatus,
    Wish,
    WishStatus,
)

URL_NAMESPACE = "volunteer_admin"


class CoordinatorView(AdminScreen, TemplateView):
    header_icon = "group"
    permission_required = services.COORDINATE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ns"] = URL_NAMESPACE
        context["show_phone"] = self.request.user.has_perm("volunteers.view_volunteer_phone")
        return context


class WorkbenchView(CoordinatorView):
    page_title = gettext_lazy("志愿服务工作台")
    template_name = "volunteers/admin/workbench.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tab = self.request.GET.get("tab", "volunteers")
        if tab not in ("volunteers", "records", "corrections", "wishes"):
            tab = "volunteers"
        counts = {
            "volunteers": Volunteer.objects.filter(status=VolunteerStatus.PENDING).count(),
            "records": ServiceRecord.objects.filter(status=RecordStatus.SUBMITTED).count(),
            "corrections": CorrectionRequest.objects.filter(
                status=CorrectionStatus.PENDING
            ).count(),
            "wishes": Wish.objects.filter(status=WishStatus.PENDING).count(),
        }
        if tab == "volunteers":
            items = (
                Volunteer.objects.filter(status=VolunteerStatus.PENDING)
                .select_related("preferred_team")
                .prefetch_related("areas", "skills")
                .order_by("created_at", "pk")
            )
        elif tab == "records":
            items = (
                ServiceRecord.objects.filter(status=RecordStatus.SUBMITTED)
                .select_related("volunteer")
                .order_by("date", "pk")
            )
        elif tab == "corrections":
            items = (
                CorrectionRequest.objects.filter(status=CorrectionStatus.PENDING)
                .select_related("record__volunteer")
                .order_by("requested_at", "pk")
            )
        else:
            items = Wish.objects.filter(status=WishStatus.PENDING).order_by("posted_at", "pk")
        context.update(
            {
                "tab": tab,
                # What the decision buttons post to: decide/<kind>/<id>/<decision>/.
                "kind": KINDS[tab],
                "counts": counts,
                "page_obj": paginate(self.request, items, 30),
                "tabs": [
                    ("volunteers", _("志愿者登记")),
                    ("records", _("服务时长")),
                    ("corrections", _("更正申请")),
                    ("wishes", _("微心愿")),
                ],
            }
        )
        return context


DECISIONS = {
    # kind: (permission, model, approve, reject)
    "volunteer": (
        services.REVIEW_VOLUNTEERS,
        Volunteer,
        services.approve_volunteer,
        services.reject_volunteer,
    ),
    "record": (
        services.APPROVE_RECORDS,
        ServiceRecord,
        services.approve_record,
        services.reject_record,
    ),
    "correction": (
        services.APPROVE_RECORDS,
        CorrectionRequest,
        services.accept_correction,
        services.refuse_correction,
    ),
    "wish": (services.MODERATE_WISHES, Wish, services.publish_wish, services.reject_wish),
}
TABS = {
    "volunteer": "volunteers",
    "record": "records",
    "correction": "corrections",
    "wish": "wishes",
}
KINDS = {tab: kind for kind, tab in TABS.items()}


class DecisionView(PermissionRequired, View):
    """POST approve/reject (with a reason) of one waiting item; each kind of
    item needs its own permission too."""

    permission_required = services.COORDINATE

    def prepare(self, request, kind, pk, decision):
        if kind not in DECISIONS or decision not in ("approve", "reject"):
            raise Http404
        if not request.user.has_perm(DECISIONS[kind][0]):
            raise PermissionDenied

    def post(self, request, kind, pk, decision):
        permission, model, approve, reject = DECISIONS[kind]
        item = get_object_or_404(model, pk=pk)
        reason = request.POST.get("reason", "")
        try:
            if decision == "approve":
                if kind == "correction":
                    approve(item, request.user, reason)
                else:
                    approve(item, request.user)
                messages.success(request, _("已通过：%(item)s") % {"item": str(item)})
            else:
                reject(item, request.user, reason)
                messages.success(request, _("已退回：%(item)s") % {"item": str(item)})
        except services.VolunteerError as error:
            messages.error(request, error.message)
        next_url = request.POST.get("next", "")
        if next_url.startswith("/admin/"):
            return redirect(next_url)
        return redirect(f"{reverse(f'{URL_NAMESPACE}:workbench')}?tab={TABS[kind]}")


# --- Shifts ------------------------------------------------------------------------


class ShiftIndexView(CoordinatorView):
    page_title = gettext_lazy("班次名单")
    template_name = "volunteers/admin/shift_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        confirmed = Q(signups__status="confirmed")
        shifts = Shift.objects.select_related("activity").annotate(
            confirmed=Count("signups", filter=confirmed),
            waiting=Count("signups", filter=Q(signups__status="waiting")),
        )
        past = self.request.GET.get("past") == "1"
        shifts = (
            shifts.filter(end__lt=now).order_by("-start")
            if past
            else shifts.filter(end__gte=now).order_by("start")
        )
        context.update({"page_obj": paginate(self.request, shifts, 30), "past": past})
        return context


class ShiftRosterView(CoordinatorView):
    template_name = "volunteers/admin/shift_roster.html"

    def prepare(self, request, pk):
        self.shift = get_object_or_404(Shift.objects.select_related("activity"), pk=pk)

    def get_page_title(self):
        return _("班次名单")

    def get_page_subtitle(self):
        return str(self.shift)

    def post(self, request, pk):
        action = request.POST.get("action")
        try:
            if action == "desk":
                form = DeskSignupForm(request.POST)
                if not form.is_valid():
                    messages.error(request, " ".join(form.errors.get("phone", [])))
                    return redirect(request.path)
                signup = services.desk_sign_up(self.shift, form.cleaned_data["phone"], request.user)
                messages.success(
                    request,
                    _("已为 %(name)s 报名（%(status)s）。")
                    % {"name": signup.name, "status": signup.get_status_display()},
                )
            else:
                signup_id = request.POST.get("signup", "")
                if not signup_id.isdigit():
                    raise Http404
                signup = get_object_or_404(ShiftSignup, pk=int(signup_id), shift=self.shift)
                if action == "check_in":
                    services.check_in(signup, request.user)
                    messages.success(request, _("已签到：%(name)s") % {"name": signup.name})
                elif action == "check_out":
                    record = services.check_out(signup, request.user)
                    messages.success(
                        request,
                        _("已签退：%(name)s，计 %(hours)s 小时。")
                        % {"name": signup.name, "hours": record.hours},
                    )
                elif action == "mark":
                    form = AttendanceForm(request.POST)
                    if not form.is_valid():
                        messages.error(request, _("请填写正确的签到和签退时间。"))
                        return redirect(request.path)
                    record = services.mark_attendance(
                        signup,
                        request.user,
                        form.cleaned_data["checked_in_at"],
                        form.cleaned_data["checked_out_at"],
                    )
                    messages.success(
                        request,
                        _("已登记：%(name)s，计 %(hours)s 小时。")
                        % {"name": signup.name, "hours": record.hours},
                    )
                elif action == "cancel":
                    services.cancel_sign_up(signup, request.user)
                    messages.success(request, _("已取消：%(name)s") % {"name": signup.name})
                else:
                    raise PermissionDenied
        except services.VolunteerError as error:
            messages.error(request, error.message)
        return redirect(request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show_phone = context["show_phone"]
        rows = []
        for signup in self.shift.signups.select_related("volunteer", "record").order_by("id"):
            rows.append(
                {
                    "signup": signup,
                    "phone": signup.phone if show_phone else mask_phone(signup.phone),
                    "record": getattr(signup, "record", None),
                }
            )
        scan_url = absolute_url(
            reverse("volunteers:scan", args=[services.shift_code(self.shift)]), self.request
        )
        context.update(
            {
                "shift": self.shift,
                "rows": rows,
                "places_left": self.shift.places_left(),
                "desk_form": DeskSignupForm(),
                "qr": qr_svg(scan_url, _("班次签到二维码：志愿者扫码签到、签退")),
                "scan_url": scan_url,
            }
        )
        return context


# --- Records -----------------------------------------------------------------------


class RecordDetailView(CoordinatorView):
    template_name = "volunteers/admin/record_detail.html"

    def prepare(self, request, pk):
        self.record = get_object_or_404(
            ServiceRecord.objects.select_related("volunteer", "recorded_by", "decided_by"), pk=pk
        )

    def get_page_title(self):
        return _("服务记录")

    def get_page_subtitle(self):
        return str(self.record)

    def post(self, request, pk):
        form = RecordChangeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.change_record(
                    self.record,
                    request.user,
                    data["reason"],
                    hours=data["hours"],
                    date=data["date"],
                )
            except services.VolunteerError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("已修改，修改前后的数值已记入历史。"))
                return redirect(request.path)
        else:
            messages.error(
                request, " ".join(str(e) for errors in form.errors.values() for e in errors)
            )
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "record": self.record,
                "changes": self.record.changes.select_related("changed_by"),
                "form": kwargs.get("form")
                or RecordChangeForm(initial={"hours": self.record.hours, "date": self.record.date}),
            }
        )
        return context
