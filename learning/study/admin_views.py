"""Branch administrators' screens in the Wagtail admin: the roll call of a
session (and its printable sheet), leave decisions, reflections recorded on
someone's behalf, member import and export, the plan overview and the ledger.

Permissions (granted to 远教管理员 by migration 0002): ``study.take_roll`` for
the roll call, ``study.add_member`` to import, ``study.view_member`` to export,
``study.view_studyplan`` for the plan, ``study.view_attendance`` for the ledger,
``study.change_leaverequest`` and ``study.change_reflection`` to decide.
"""

import datetime
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.admin_views import AdminScreen
from core.excel import xlsx_response
from core.pagination import paginate
from core.qr import qr_svg
from core.site_url import absolute_url

from . import chart, importing, ledger, reports, services
from .models import (
    AttendanceChange,
    AttendanceMode,
    AttendanceStatus,
    Branch,
    LeaveRequest,
    LeaveStatus,
    Member,
    Reflection,
    StudyPlan,
    StudySession,
)

URL_NAMESPACE = "study_admin"


class _Protected:
    permission = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _session(pk):
    return get_object_or_404(StudySession, pk=pk)


def roll_lines(session):
    """Every invited member with the row's values, or the starting values."""
    members = list(
        session.invited_members().order_by("branch__sort_order", "branch__name", "name", "pk")
    )
    rows = {a.member_id: a for a in session.attendances.all()}
    default = services.roll_defaults(session)
    lines = []
    for member in members:
        row = rows.get(member.pk)
        status, mode = (row.status, row.mode) if row else default(member)
        lines.append(
            {
                "member": member,
                "status": status,
                "mode": mode,
                "status_label": AttendanceStatus(status).label,
                "mode_label": AttendanceMode(mode).label,
                "note": row.note if row else "",
                "saved": row is not None,
            }
        )
    return lines


def _snapshot(lines):
    return json.dumps(
        {line["member"].pk: [line["status"], line["mode"], line["note"]] for line in lines}
    )


class RollCallView(_Protected, AdminScreen, TemplateView):
    permission = "study.take_roll"
    header_icon = "tasks"
    template_name = "study/admin/roll_call.html"

    def get_page_title(self):
        return _("点名册：%(t)s") % {"t": self.session.title}

    def dispatch(self, request, pk, *args, **kwargs):
        self.session = _session(pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, lines=None, snapshot=None, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.session
        lines = lines if lines is not None else roll_lines(session)
        check_in_url = absolute_url(
            reverse("study:check_in", args=[session.pk, services.check_in_code(session)]),
            self.request,
        )
        context.update(
            session=session,
            lines=lines,
            statuses=AttendanceStatus.choices,
            modes=AttendanceMode.choices,
            saved_count=sum(1 for line in lines if line["saved"]),
            snapshot=snapshot or _snapshot(lines),
            leaves=session.leaves.select_related("member", "member__branch").order_by(
                "status", "created_at"
            ),
            pending=LeaveStatus.PENDING,
            check_in_url=check_in_url,
            check_in_qr=qr_svg(check_in_url, _("%(t)s 扫码签到") % {"t": session.title}),
            changes=AttendanceChange.objects.filter(attendance__session=session).select_related(
                "attendance__member", "changed_by"
            )[:20],
            url_namespace=URL_NAMESPACE,
        )
        return context

    def post(self, request, *args, **kwargs):
        """Only lines that differ from what the page showed (``snapshot``)
        are changes; the page's script leaves unchanged fields out, so a
        roll of 500 members posts only its exceptions."""
        lines = roll_lines(self.session)
        shown_page = request.POST.get("snapshot") or _snapshot(lines)
        try:
            snapshot = json.loads(request.POST.get("snapshot") or "{}")
        except ValueError:
            snapshot = {}
        changes = {}
        for line in lines:
            pk = line["member"].pk
            shown = snapshot.get(str(pk)) or [line["status"], line["mode"], line["note"]]
            if not isinstance(shown, list) or len(shown) != 3:
                shown = [line["status"], line["mode"], line["note"]]
            status = request.POST.get(f"status-{pk}", shown[0])
            mode = request.POST.get(f"mode-{pk}", shown[1])
            note = request.POST.get(f"note-{pk}", shown[2]).strip()
            if [status, mode, note] != list(shown):
                changes[pk] = (status, mode, note)
                line.update(status=status, mode=mode, note=note)
        try:
            written = services.save_roll(self.session, changes, request.user)
            if self.session.end <= timezone.now():
                written += services.credit_online_completions(self.session)
        except services.StudyError as error:
            messages.error(request, error.message)
            context = self.get_context_data(lines=lines, snapshot=shown_page)
            return self.render_to_response(context, status=400)
        messages.success(request, _("点名册已保存，%(n)s 人的记录有变化。") % {"n": written})
        return redirect(f"{URL_NAMESPACE}:roll", self.session.pk)


class RollSheetView(_Protected, View):
    """点名册 to print: a plain page with a print stylesheet."""

    permission = "study.take_roll"

    def get(self, request, pk):
        session = _session(pk)
        return render(
            request,
            "study/admin/roll_sheet.html",
            {
                "session": session,
                "lines": roll_lines(session),
                "blank": request.GET.get("blank") == "1",
            },
        )


class LeaveDecisionView(_Protected, View):
    permission = "study.change_leaverequest"

    def post(self, request, pk, decision):
        leave = get_object_or_404(LeaveRequest.objects.select_related("session"), pk=pk)
        if decision not in ("accept", "refuse"):
            raise Http404
        try:
            services.decide_leave(leave, decision == "accept", request.user)
        except services.StudyError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("已同意请假。") if decision == "accept" else _("已拒绝请假。")
            )
        return redirect(f"{URL_NAMESPACE}:roll", leave.session_id)


class RecordReflectionView(_Protected, AdminScreen, TemplateView):
    """An administrator writes down a member's reflection (e.g. from paper)."""

    permission = "study.add_reflection"
    header_icon = "edit"
    template_name = "study/admin/record_reflection.html"
    page_title = gettext_lazy("代录学习心得")

    def dispatch(self, request, pk, *args, **kwargs):
        self.session = _session(pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            session=self.session,
            members=self.session.invited_members().order_by("branch__name", "name"),
            values=self.request.POST or {},
            url_namespace=URL_NAMESPACE,
        )
        return context

    def post(self, request, *args, **kwargs):
        member_id = request.POST.get("member", "")
        member = (
            self.session.invited_members().filter(pk=int(member_id)).first()
            if member_id.isdigit()
            else None
        )
        try:
            if member is None:
                raise services.StudyError(_("请选择党员。"))
            services.submit_reflection(
                self.session,
                member,
                request.POST.get("text"),
                request.POST.get("rating"),
                recorded_by=request.user,
            )
        except services.StudyError as error:
            messages.error(request, error.message)
            return self.render_to_response(self.get_context_data(), status=400)
        messages.success(request, _("已代录 %(n)s 的学习心得，审核后公开。") % {"n": member.name})
        return redirect(f"{URL_NAMESPACE}:roll", self.session.pk)


class ModerateReflectionView(_Protected, View):
    permission = "study.change_reflection"

    def post(self, request, pk, decision):
        reflection = get_object_or_404(Reflection, pk=pk)
        if decision not in ("approve", "reject"):
            raise Http404
        services.moderate_reflection(reflection, decision == "approve")
        messages.success(request, _("已公开。") if decision == "approve" else _("已设为不公开。"))
        return redirect(request.POST.get("next") or reverse("study_reflection:index"))


# --- Members: import and export ---------------------------------------------------------


class MemberImportView(_Protected, AdminScreen, TemplateView):
    permission = "study.add_member"
    header_icon = "upload"
    template_name = "study/admin/member_import.html"
    page_title = gettext_lazy("导入党员名单")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("headers", importing.HEADERS)
        context["branches"] = Branch.objects.all()
        context["url_namespace"] = URL_NAMESPACE
        return context

    def post(self, request, *args, **kwargs):
        uploaded = request.FILES.get("file")
        if uploaded is None:
            messages.error(request, _("请选择要导入的文件。"))
            return self.render_to_response(self.get_context_data(), status=400)
        try:
            result = importing.import_members(uploaded)
        except importing.ImportFileError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(), status=400)
        if not result.ok:
            messages.error(
                request,
                _("有 %(n)s 行有误，全部未导入。请改正后重新上传。") % {"n": len(result.errors)},
            )
            return self.render_to_response(self.get_context_data(errors=result.errors), status=400)
        messages.success(request, _("已导入 %(n)s 名党员。") % {"n": len(result.members)})
        services.link_accounts(Member.objects.filter(pk__in=[m.pk for m in result.members]))
        if request.user.has_perm("study.manage_member_access"):
            from .access_views import URL_NAMESPACE, remember_import

            remember_import(request, result.members)
            return redirect(reverse(f"{URL_NAMESPACE}:index") + "?import=1")
        return redirect("study_member:index")


class MemberExportView(_Protected, View):
    permission = "study.view_member"

    def get(self, request):
        members = Member.objects.filter(active=True).order_by(
            "branch__sort_order", "branch__name", "name"
        )
        branch = request.GET.get("branch", "")
        if branch.isdigit():
            members = members.filter(branch_id=int(branch))
        return xlsx_response(
            "党员名单.xlsx", _("党员名单"), importing.HEADERS, importing.export_rows(members)
        )


class ImportTemplateView(_Protected, View):
    permission = "study.add_member"

    def get(self, request):
        return xlsx_response(
            "党员导入模板.xlsx",
            _("党员名单"),
            importing.HEADERS,
            [
                [
                    "张三",
                    "13800000000",
                    Branch.objects.values_list("name", flat=True).first() or "第一党支部",
                    "",
                    "正常",
                ]
            ],
        )


# --- Plan ----------------------------------------------------------------------------------


def _year(request):
    value = request.GET.get("year", "")
    today = timezone.localdate()
    if value.isdigit() and 2000 <= int(value) <= today.year + 1:
        return int(value)
    return today.year


def plan_grid(year):
    """Per branch, per month: planned sessions, sessions held (any state of
    the page that is live), and whether the month is flagged (no session)."""
    first, last = ledger.period(year)
    months = ledger.months_of(first, last)
    plans = {
        (p.branch_id, p.month): p for p in StudyPlan.objects.filter(month__range=(first, last))
    }
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    held = {}
    through = StudySession.branches.through.objects.filter(
        studysession__live=True, studysession__start__gte=start, studysession__start__lt=end
    ).values_list("branch_id", "studysession__start")
    for branch_id, when in through:
        month = timezone.localtime(when, zone).date().replace(day=1)
        held[(branch_id, month)] = held.get((branch_id, month), 0) + 1
    today = timezone.localdate()
    rows = []
    for branch in Branch.objects.all():
        cells = []
        for month in months:
            count = held.get((branch.pk, month), 0)
            plan = plans.get((branch.pk, month))
            # Flag a month with no session; a future month only once it has begun.
            flagged = count == 0 and month <= today
            cells.append({"month": month, "plan": plan, "held": count, "flagged": flagged})
        rows.append({"branch": branch, "cells": cells, "gaps": sum(c["flagged"] for c in cells)})
    return months, rows


class PlanView(_Protected, AdminScreen, TemplateView):
    permission = "study.view_studyplan"
    header_icon = "date"
    template_name = "study/admin/plan.html"
    page_title = gettext_lazy("学习计划")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = _year(self.request)
        months, rows = plan_grid(year)
        context.update(year=year, months=months, rows=rows, years=range(year - 2, year + 2))
        return context


# --- Ledger -------------------------------------------------------------------------------


class LedgerView(_Protected, AdminScreen, TemplateView):
    permission = "study.view_attendance"
    header_icon = "table"
    template_name = "study/admin/ledger.html"
    page_title = gettext_lazy("学习台账")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = _year(self.request)
        month = self.request.GET.get("month", "")
        month = int(month) if month.isdigit() and 1 <= int(month) <= 12 else None
        first, last = ledger.period(year, month)
        result = ledger.summary(first, last)
        rows, total = result.rows, result.total
        months = ledger.months_of(*ledger.period(year))
        monthly = (
            result.monthly if month is None else ledger.by_branch_and_month(*ledger.period(year))
        )
        branch = self.request.GET.get("branch", "")
        branch = Branch.objects.filter(pk=int(branch)).first() if branch.isdigit() else None
        if branch is not None:
            page_obj = paginate(self.request, ledger.by_member(first, last, branch), 50)
            completed = ledger.courses_completed(list(page_obj.object_list), first, last)
            for member in page_obj.object_list:
                member.rate = ledger.rate(member.attended, member.invited)
                member.completed = completed.get(member.pk, 0)
            context.update(branch=branch, page_obj=page_obj)
        context.update(
            year=year,
            month=month,
            rows=rows,
            total=total,
            years=range(year - 2, year + 2),
            month_choices=range(1, 13),
            chart=chart.participation_svg(months, rows, monthly),
            url_namespace=URL_NAMESPACE,
        )
        return context


class LedgerExportView(_Protected, View):
    permission = "study.view_attendance"

    def get(self, request):
        year = _year(request)
        month = request.GET.get("month", "")
        month = int(month) if month.isdigit() and 1 <= int(month) <= 12 else None
        return reports.ledger_response(year, month)
