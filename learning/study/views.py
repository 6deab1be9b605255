"""Members' own pages (never cached, they differ per person): self check-in
by the session's QR code, asking for leave, writing a reflection, and
"我的学习会" (sessions, leave, reflections) in the member's own page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.http import private
from core.pagination import paginate

from . import hours, services
from .forms import LeaveForm, ReflectionForm
from .models import Attendance, LeaveRequest, LeaveStatus, Reflection, StudySession


def _refused(request, message, session=None, status=400):
    return TemplateResponse(
        request, "study/refused.html", {"message": message, "session": session}, status=status
    )


def _live_session(pk):
    return get_object_or_404(StudySession.objects.live(), pk=pk)


@private
def check_in(request, pk, signed):
    """Where a member's phone lands after scanning the session's QR code."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    session = _live_session(pk)
    if request.method == "POST":
        try:
            row = services.check_in(session, signed, request.user)
        except services.StudyError as error:
            return _refused(request, error.message, session)
        return TemplateResponse(request, "study/checked_in.html", {"session": session, "row": row})
    return TemplateResponse(request, "study/check_in.html", {"session": session, "signed": signed})


def _member_or_refuse(request, session):
    member = services.member_for_user(request.user)
    if member is None:
        raise services.StudyError(
            _("您的账户还没有关联党员登记。请用支部远教管理员发的激活码激活账户。")
        )
    if not services.is_invited(session, member):
        raise services.StudyError(_("您所在的支部不在本次学习会的参加名单中。"))
    return member


@private
@login_required
def leave(request, pk):
    session = _live_session(pk)
    try:
        member = _member_or_refuse(request, session)
    except services.StudyError as error:
        return _refused(request, error.message, session, status=403)
    if session.has_started():
        # No form once it has started (the service refuses too).
        return _refused(
            request,
            _("学习会已经开始，不能再请假。请联系支部远教管理员。"),
            session,
            status=403,
        )
    existing = LeaveRequest.objects.filter(session=session, member=member).first()
    form = LeaveForm(request.POST or None, initial={"reason": existing.reason if existing else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.request_leave(session, member, form.cleaned_data["reason"])
        except services.StudyError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("请假申请已提交，等待远教管理员审批。"))
            return redirect("study:mine")
    return TemplateResponse(
        request,
        "study/leave.html",
        {"session": session, "form": form, "existing": existing},
        status=400 if form.errors else 200,
    )


@private
@login_required
def reflection(request, pk):
    session = _live_session(pk)
    try:
        member = _member_or_refuse(request, session)
    except services.StudyError as error:
        return _refused(request, error.message, session, status=403)
    existing = Reflection.objects.filter(session=session, member=member).first()
    initial = {"text": existing.text, "rating": existing.rating} if existing else {}
    form = ReflectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_reflection(
                session, member, form.cleaned_data["text"], form.cleaned_data["rating"]
            )
        except services.StudyError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("学习心得已提交，审核后会显示在学习会页面上。"))
            return redirect("study:mine")
    return TemplateResponse(
        request,
        "study/reflection.html",
        {"session": session, "form": form, "existing": existing},
        status=400 if form.errors else 200,
    )


@private
@login_required
def mine(request):
    """The member's sessions: those coming (with leave to ask while they
    have not started) and the attendance of those that have started — a
    session that has not begun shows no attendance, whatever was saved."""
    member = services.member_for_user(request.user)
    context = {"member": member}
    if member is not None:
        now = timezone.now()
        context["page_obj"] = paginate(
            request,
            Attendance.objects.filter(member=member, session__start__lte=now)
            .select_related("session")
            .order_by("-day", "-pk"),
            20,
        )
        context["leaves"] = LeaveRequest.objects.filter(member=member).select_related("session")[
            :20
        ]
        context["reflections"] = Reflection.objects.filter(member=member).select_related("session")[
            :20
        ]
        upcoming = list(
            StudySession.objects.live()
            .filter(branches=member.branch_id, end__gte=now)
            .order_by("start")[:5]
        )
        asked = {
            leave.session_id: leave
            for leave in LeaveRequest.objects.filter(member=member, session__in=upcoming)
        }
        for session in upcoming:
            session.my_leave = asked.get(session.pk)
            session.in_progress = session.has_started(now)
            session.leave_open = not session.in_progress and (
                session.my_leave is None or session.my_leave.status == LeaveStatus.PENDING
            )
        context["upcoming"] = upcoming
        year = timezone.localdate().year
        context["hours_year"] = year
        context["study_hours"] = hours.year_hours([member], year, now)[member.pk]
    return TemplateResponse(request, "study/mine.html", context)
