"""Branch administrators' screens in the Wagtail admin: the roll call of a
session (and its printable sheet), leave decisions, reflections recorded on
someone's behalf, member import and export (the plan overview and the
ledger are in admin_reports).

Permissions (granted to 远教管理员 by migration 0002): ``study.take_roll`` for
the roll call, ``study.add_member`` to import, ``study.view_member`` to export,
``study.view_studyplan`` for the plan, ``study.view_attendance`` for the ledger,
``study.change_leaverequest`` and ``study.change_reflection`` to decide. Every
screen shows and changes only the branches the user administers
(``scope.branches_for``): another branch's session, leave request or
reflection is a 404.
"""

import json

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core import exports
from core.admin_views import AdminScreen, PermissionRequired
from core.excel import xlsx_response
from core.qr import qr_svg
from core.site_url import absolute_url

from . import exports as study_exports
from . import importing, scope, services
from .models import (
    ATTENDED,
    AttendanceChange,
    AttendanceMode,
    AttendanceStatus,
    LeaveRequest,
    LeaveStatus,
    Member,
    Reflection,
    mode_label,
    status_label,
)

URL_NAMESPACE = "study_admin"


class SessionScreen(PermissionRequired):
    """A screen of one session the user may administer (one of its invited
    branches is theirs); lists only the members of those branches."""

    def prepare(self, request, pk, **kwargs):
        self.session = scope.session_or_404(request.user, pk)
        self.branch_ids = scope.session_branch_ids(self.session, request.user)


def roll_lines(session, branch_ids, leaves=None):
    """Every active member of these invited branches with the row's values,
    or the starting values (``leaves``: their leave requests, if read)."""
    members = list(
        session.invited_members()
        .filter(branch__in=branch_ids)
        .order_by("branch__sort_order", "branch__name", "name", "pk")
    )
    rows = {a.member_id: a for a in session.attendances.filter(member__branch__in=branch_ids)}
    default = services.roll_defaults(session, leaves)
    lines = []
    for member in members:
        row = rows.get(member.pk)
        status, mode = (row.status, row.mode) if row else default(member)
        lines.append(
            {
                "member": member,
                "status": status,
                "mode": mode,
                "status_label": status_label(status),
                "mode_label": mode_label(mode),
                "note": row.note if row else "",
                "saved": row is not None,
            }
        )
    return lines


def _snapshot(lines):
    return json.dumps(
        {line["member"].pk: [line["status"], line["mode"], line["note"]] for line in lines}
    )


class RollCallView(SessionScreen, AdminScreen, TemplateView):
    permission_required = "study.take_roll"
    header_icon = "tasks"
    template_name = "study/admin/roll_call.html"

    def get_page_title(self):
        return _("点名册：%(t)s") % {"t": self.session.title}

    def get_context_data(self, lines=None, snapshot=None, **kwargs):
        context = super().get_context_data(**kwargs)
        session, branch_ids = self.session, self.branch_ids
        leaves = list(
            session.leaves.filter(member__branch__in=branch_ids)
            .select_related("member", "member__branch")
            .order_by("status", "created_at")
        )
        lines = lines if lines is not None else roll_lines(session, branch_ids, leaves)
        check_in_url = absolute_url(
            reverse("study:check_in", args=[session.pk, services.check_in_code(session)]),
            self.request,
        )
        context.update(
            session=session,
            started=session.has_started(),
            opens=services.roll_opens(session),
            roll_calls=session.roll_calls.filter(branch__in=branch_ids).select_related(
                "branch", "saved_by"
            ),
            lines=lines,
            # Labels translated once here, not once per member and option
            # (lazy choices cost a gettext each: 4,000 on a roll of 500).
            statuses=[(value, str(label)) for value, label in AttendanceStatus.choices],
            modes=[(value, str(label)) for value, label in AttendanceMode.choices],
            no_mode=_("—（未到场）"),
            attended=list(ATTENDED),
            checked_in=sum(1 for line in lines if line["saved"]),
            snapshot=snapshot or _snapshot(lines),
            leaves=leaves,
            pending=LeaveStatus.PENDING,
            check_in_url=check_in_url,
            check_in_qr=qr_svg(check_in_url, _("%(t)s 扫码签到") % {"t": session.title}),
            changes=AttendanceChange.objects.filter(
                attendance__session=session, attendance__branch__in=branch_ids
            ).select_related("attendance__member", "changed_by")[:20],
            url_namespace=URL_NAMESPACE,
        )
        return context

    def post(self, request, *args, **kwargs):
        """Only lines that differ from what the page showed (``snapshot``)
        are changes; the page's script leaves unchanged fields out, so a
        roll of 500 members posts only its exceptions."""
        lines = roll_lines(self.session, self.branch_ids)
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
                line.update(
                    status=status,
                    mode=mode,
                    note=note,
                    status_label=status_label(status),
                    mode_label=mode_label(mode),
                )
        try:
            written = services.take_roll(self.session, changes, request.user)
        except services.StudyError as error:
            messages.error(request, error.message)
            context = self.get_context_data(lines=lines, snapshot=shown_page)
            return self.render_to_response(context, status=400)
        messages.success(request, _("点名册已保存，%(n)s 人的记录有变化。") % {"n": written})
        return redirect(f"{URL_NAMESPACE}:roll", self.session.pk)


class RollSheetView(SessionScreen, View):
    """点名册 to print: a plain page with a print stylesheet. The blank
    sign-in sheet (``?blank=1``) has names only: no status, mode or note."""

    permission_required = "study.take_roll"

    def get(self, request, **kwargs):
        return render(
            request,
            "study/admin/roll_sheet.html",
            {
                "session": self.session,
                "lines": roll_lines(self.session, self.branch_ids),
                "blank": request.GET.get("blank") == "1",
            },
        )


class LeaveDecisionView(PermissionRequired, View):
    permission_required = "study.change_leaverequest"

    def post(self, request, pk, decision):
        if decision not in ("accept", "refuse"):
            raise Http404
        leave = scope.get_or_404(
            LeaveRequest.objects.select_related("session"), request.user, pk, "member__branch"
        )
        try:
            services.decide_leave(leave, decision == "accept", request.user)
        except services.StudyError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("已同意请假。") if decision == "accept" else _("已拒绝请假。")
            )
        return redirect(f"{URL_NAMESPACE}:roll", leave.session_id)


class RecordReflectionView(SessionScreen, AdminScreen, TemplateView):
    """An administrator writes down a member's reflection (e.g. from paper)."""

    permission_required = "study.add_reflection"
    header_icon = "edit"
    template_name = "study/admin/record_reflection.html"
    page_title = gettext_lazy("代录学习心得")

    def members(self):
        return self.session.invited_members().filter(branch__in=self.branch_ids)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            session=self.session,
            members=self.members().order_by("branch__name", "name"),
            values=self.request.POST or {},
            url_namespace=URL_NAMESPACE,
        )
        return context

    def post(self, request, *args, **kwargs):
        member_id = request.POST.get("member", "")
        member = self.members().filter(pk=int(member_id)).first() if member_id.isdigit() else None
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


class ModerateReflectionView(PermissionRequired, View):
    permission_required = "study.change_reflection"

    def post(self, request, pk, decision):
        if decision not in ("approve", "reject"):
            raise Http404
        reflection = scope.get_or_404(Reflection.objects, request.user, pk, "member__branch")
        services.moderate_reflection(reflection, decision == "approve", request.user)
        messages.success(request, _("已公开。") if decision == "approve" else _("已设为不公开。"))
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, {request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("study_reflection:index")
        return redirect(target)


# --- Members: import and export ---------------------------------------------------------


class MemberImportView(AdminScreen, TemplateView):
    permission_required = "study.add_member"
    header_icon = "upload"
    template_name = "study/admin/member_import.html"
    page_title = gettext_lazy("导入党员名单")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("headers", importing.HEADERS)
        context["branches"] = scope.branches_for(self.request.user)
        context["url_namespace"] = URL_NAMESPACE
        return context

    def post(self, request, *args, **kwargs):
        uploaded = request.FILES.get("file")
        if uploaded is None:
            messages.error(request, _("请选择要导入的文件。"))
            return self.render_to_response(self.get_context_data(), status=400)
        try:
            result = importing.import_members(uploaded, scope.branch_filter(request.user))
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


class MemberExportView(PermissionRequired, View):
    permission_required = "study.view_member"

    def get(self, request):
        params = {"branch": request.GET.get("branch", "")}
        return exports.start(request, study_exports.MEMBERS, params)


class ImportTemplateView(PermissionRequired, View):
    permission_required = "study.add_member"

    def get(self, request):
        return xlsx_response(
            "党员导入模板.xlsx",
            _("党员名单"),
            importing.HEADERS,
            [
                [
                    "张三",
                    "13800000000",
                    scope.branches_for(request.user).values_list("name", flat=True).first()
                    or "第一党支部",
                    "",
                    "正常",
                    "",
                ]
            ],
        )
