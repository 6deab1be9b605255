"""The meeting screens of 组织生活: the list of a branch's meetings, the
form that records a meeting with its attendance (like the study roll call:
the branch's — or party group's — members listed with status and mode;
everything typed is kept on an error), and deleting one.

Permissions: ``meetings.view_register`` to see, ``meetings.record_meeting``
to record, change and delete. Every lookup is limited to the branches the
user administers (``learning.study.scope``): another branch's meeting is a
404 whichever URL is guessed.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.admin_views import AdminScreen, PermissionRequired, requested_year
from learning.study import scope
from learning.study.models import AttendanceMode, AttendanceStatus

from . import figures, services
from .errors import MeetingError
from .forms import ChooseMeetingForm, MeetingForm
from .models import Meeting, MeetingKind

URL_NAMESPACE = "meetings_admin"


def chosen_branch(request):
    """The branch named by ``?branch=`` among the user's (404 for another
    or garbage), else the user's first branch (None: they have none)."""
    branches = scope.branches_for(request.user)
    value = request.GET.get("branch", "")
    if value:
        branch = branches.filter(pk=int(value)).first() if value.isdigit() else None
        if branch is None:
            raise Http404
        return branch
    return branches.first()


class MeetingListView(AdminScreen, TemplateView):
    permission_required = "meetings.view_register"
    header_icon = "list-ul"
    template_name = "meetings/admin/meeting_list.html"
    page_title = gettext_lazy("会议记录")
    per_page = 30

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        branch = chosen_branch(self.request)
        year = requested_year(self.request)
        meetings = Meeting.objects.none()
        if branch is not None:
            meetings = Meeting.objects.filter(branch=branch, day__year=year).select_related(
                "party_group"
            )
            kind = self.request.GET.get("kind", "")
            if kind in MeetingKind.values:
                meetings = meetings.filter(kind=kind)
        page = Paginator(meetings, self.per_page).get_page(self.request.GET.get("p"))
        context.update(
            branch=branch,
            branches=scope.branches_for(self.request.user),
            year=year,
            kinds=MeetingKind.choices,
            kind=self.request.GET.get("kind", ""),
            page=page,
            rows=figures.with_counts(page.object_list),
            url_namespace=URL_NAMESPACE,
        )
        return context


def attendance_lines(meeting, posted=None):
    """The meeting's expected members with their row's values (or what was
    posted, or the starting values: present on site, home visit for the
    homebound), plus members who have a row but left the list since."""
    rows = {} if meeting.pk is None else {a.member_id: a for a in meeting.attendances.all()}
    members = list(services.expected_members(meeting))
    listed = {m.pk for m in members}
    lines = []
    for member in members:
        row = rows.get(member.pk)
        if posted is not None and member.pk in posted:
            status, mode, note = posted[member.pk]
        elif row is not None:
            status, mode, note = row.status, row.mode, row.note
        elif member.status == "homebound":
            status, mode, note = AttendanceStatus.PRESENT, AttendanceMode.HOME_VISIT, ""
        else:
            status, mode, note = AttendanceStatus.PRESENT, AttendanceMode.ON_SITE, ""
        lines.append({"member": member, "status": status, "mode": mode, "note": note})
    extra = [row for member_id, row in rows.items() if member_id not in listed]
    return lines, extra


class MeetingFormView(AdminScreen, TemplateView):
    """``new/``: step one chooses branch, kind and party group (a GET form);
    with them in the query string, step two is the meeting's form.
    ``<pk>/``: the recorded meeting (its branch, kind and group fixed)."""

    permission_required = "meetings.record_meeting"
    header_icon = "edit"
    template_name = "meetings/admin/meeting_form.html"

    def prepare(self, request, pk=None, **kwargs):
        self.choose_form = None
        if pk is not None:
            self.meeting = scope.get_or_404(
                Meeting.objects.select_related("branch", "party_group"), request.user, pk
            )
            return
        self.meeting = None
        if "kind" in request.GET:
            form = ChooseMeetingForm(request.GET, user=request.user)
            if form.is_valid():
                self.meeting = Meeting(
                    branch=form.cleaned_data["branch"],
                    kind=form.cleaned_data["kind"],
                    party_group=form.cleaned_data["party_group"],
                )
                return
            self.choose_form = form
        else:
            # ``?branch=`` alone (from a branch's list) only preselects it.
            initial = {"branch": request.GET.get("branch", "")}
            self.choose_form = ChooseMeetingForm(user=request.user, initial=initial)

    def get_page_title(self):
        if self.meeting is None:
            return _("登记会议")
        return _("%(branch)s %(kind)s") % {
            "branch": self.meeting.branch.name,
            "kind": self.meeting.get_kind_display()
            + (f"（{self.meeting.party_group.name}）" if self.meeting.party_group_id else ""),
        }

    def get_context_data(self, form=None, lines=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(choose_form=self.choose_form, url_namespace=URL_NAMESPACE)
        if self.meeting is None:
            return context
        meeting = self.meeting
        if lines is None:
            lines, extra = attendance_lines(meeting)
        else:
            extra = attendance_lines(meeting)[1]
        context.update(
            meeting=meeting,
            form=form or MeetingForm(instance=meeting),
            lines=lines,
            extra=extra,
            statuses=[(value, str(label)) for value, label in AttendanceStatus.choices],
            modes=[(value, str(label)) for value, label in AttendanceMode.choices],
            no_mode=_("—（未到场）"),
            attachments=meeting.attachments.all() if meeting.pk else [],
        )
        return context

    def get(self, request, *args, **kwargs):
        status = 400 if self.choose_form is not None and self.choose_form.is_bound else 200
        return self.render_to_response(self.get_context_data(), status=status)

    def post(self, request, *args, **kwargs):
        if self.meeting is None:
            return self.get(request, *args, **kwargs)
        meeting = self.meeting
        form = MeetingForm(request.POST, request.FILES, instance=meeting)
        # A line the page did not post keeps what it showed (row or default).
        posted = {}
        for line in attendance_lines(meeting)[0]:
            pk = line["member"].pk
            posted[pk] = (
                request.POST.get(f"status-{pk}", line["status"]),
                request.POST.get(f"mode-{pk}", line["mode"]),
                request.POST.get(f"note-{pk}", line["note"]).strip(),
            )
        lines = attendance_lines(meeting, posted)[0]
        if form.is_valid():
            upload = form.cleaned_data.get("attachment")
            try:
                services.save_meeting(
                    form.instance, posted, request.user, uploads=[upload] if upload else []
                )
            except MeetingError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("会议记录已保存。"))
                return redirect(f"{URL_NAMESPACE}:edit", form.instance.pk)
        else:
            messages.error(request, _("会议记录有误，未保存：请按提示改正。"))
        context = self.get_context_data(form=form, lines=lines)
        return self.render_to_response(context, status=400)


class MeetingDeleteView(PermissionRequired, View):
    permission_required = "meetings.record_meeting"

    def post(self, request, pk):
        meeting = scope.get_or_404(Meeting.objects, request.user, pk)
        branch_id, year = meeting.branch_id, meeting.day.year
        services.delete_meeting(meeting, request.user)
        messages.success(request, _("会议记录已删除。"))
        return redirect(f"{reverse(f'{URL_NAMESPACE}:index')}?branch={branch_id}&year={year}")
