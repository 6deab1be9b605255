"""Shifts: the list of coming shifts, one shift, an activity's live status,
signing up, cancelling, and the page a scanned shift QR code opens.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import private
from core.pagination import paginate
from core.personal_parts import personal_part
from events.capacity import ACTIVE

from .. import services
from ..models import Shift, ShiftSignup, VolunteerActivity
from .common import PER_PAGE


@private
@login_required
def open_shifts(request):
    """Coming shifts of live activities, with whether this volunteer may
    sign up (skills, approval)."""
    volunteer = services.volunteer_for(request.user)
    now = timezone.now()
    shifts = (
        Shift.objects.filter(start__gt=now, activity__live=True)
        .select_related("activity")
        .prefetch_related("required_skills")
        .order_by("start", "pk")
    )
    only_eligible = request.GET.get("all") != "1"
    if only_eligible and volunteer is not None:
        have = set(volunteer.skills.values_list("pk", flat=True))
        lacking = Shift.required_skills.through.objects.exclude(skill_id__in=have)
        shifts = shifts.exclude(pk__in=lacking.values("shift_id"))
    page_obj = paginate(request, shifts, PER_PAGE)
    mine = {}
    if volunteer is not None:
        for signup in ShiftSignup.objects.filter(
            volunteer=volunteer, status__in=ACTIVE, shift__in=list(page_obj.object_list)
        ):
            mine[signup.shift_id] = signup
    rows = [
        {
            "shift": shift,
            "places_left": shift.places_left(),
            "mine": mine.get(shift.pk),
            "problems": services.shift_problems(shift, volunteer, now),
        }
        for shift in page_obj.object_list
    ]
    return TemplateResponse(
        request,
        "volunteers/open_shifts.html",
        {
            "volunteer": volunteer,
            "rows": rows,
            "page_obj": page_obj,
            "only_eligible": only_eligible,
        },
    )


@private
def shift_detail(request, pk):
    """One shift: places, required skills and the visitor's own sign-up with
    its buttons (the no-JavaScript fallback of the activity page)."""
    shift = get_object_or_404(Shift.objects.select_related("activity"), pk=pk)
    if not shift.activity.live:
        raise Http404
    volunteer = services.volunteer_for(request.user)
    mine = (
        shift.signups.filter(volunteer=volunteer, status__in=ACTIVE).first() if volunteer else None
    )
    context = {
        "shift": shift,
        "activity": shift.activity,
        "volunteer": volunteer,
        "mine": mine,
        "places_left": shift.places_left(),
        "waiting": shift.waiting_list().count(),
        "problems": services.shift_problems(shift, volunteer) if volunteer else [],
        "can_cancel_until": shift.cancel_deadline(),
        "login_url": f"{reverse('accounts:login')}?next={request.path}",
    }
    return TemplateResponse(request, "volunteers/shift_detail.html", context)


@personal_part
@private
def activity_status(request, pk):
    """The live part of an activity page: places per shift and the
    visitor's own sign-ups (fetched by shifts.js, never cached)."""
    activity = get_object_or_404(VolunteerActivity.objects.live(), pk=pk)
    volunteer = services.volunteer_for(request.user)
    shifts = list(activity.upcoming_shifts().prefetch_related("required_skills"))
    mine = {}
    if volunteer is not None:
        for signup in ShiftSignup.objects.filter(
            volunteer=volunteer, status__in=ACTIVE, shift__in=shifts
        ):
            mine[signup.shift_id] = signup
    rows = [
        {
            "shift": shift,
            "places_left": shift.places_left(),
            "waiting": shift.waiting_list().count(),
            "mine": mine.get(shift.pk),
            "problems": services.shift_problems(shift, volunteer) if volunteer else [],
        }
        for shift in shifts
    ]
    return TemplateResponse(
        request,
        "volunteers/includes/shift_status.html",
        {"rows": rows, "volunteer": volunteer},
    )


@private
@require_POST
def shift_sign_up(request, pk):
    shift = get_object_or_404(Shift.objects.select_related("activity"), pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("volunteers:shift", args=[pk]))
    volunteer = services.volunteer_for(request.user)
    if volunteer is None:
        messages.info(request, _("请先登记成为志愿者。"))
        return redirect("volunteers:register")
    try:
        signup = services.sign_up(shift, volunteer, request.user)
    except services.VolunteerError as error:
        messages.error(request, error.message)
    else:
        if signup.is_confirmed:
            messages.success(request, _("报名成功：%(shift)s") % {"shift": str(shift)})
        else:
            messages.warning(
                request, _("这个班次已满，您已进入候补名单，有人取消时会按顺序自动转正。")
            )
    return redirect("volunteers:shift", pk)


@private
@login_required
def signup_cancel(request, pk):
    """GET: a second screen that says what will be lost, with 确认取消 and
    返回; POST: cancel. Only the volunteer's own sign-up (a coordinator
    cancels for someone in the admin's 班次名单)."""
    signup = get_object_or_404(
        ShiftSignup.objects.select_related("shift__activity", "volunteer"),
        pk=pk,
        volunteer__user=request.user,
    )
    shift = signup.shift
    if request.method == "POST":
        try:
            services.cancel_sign_up(signup, request.user)
        except services.VolunteerError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已取消报名，名额已经让出。"))
        return redirect("volunteers:shift", signup.shift_id)
    if not signup.is_active:
        return redirect("volunteers:shift", signup.shift_id)
    context = {
        "signup": signup,
        "shift": shift,
        "activity": shift.activity,
        "waiting_position": signup.waiting_position(),
        "waiting": shift.waiting_list().count() if signup.is_confirmed else 0,
        "problem": services.cancel_problem(signup, request.user),
    }
    return TemplateResponse(request, "volunteers/cancel_confirm.html", context)


@private
def scan(request, signed):
    """Where a volunteer's phone lands after scanning the shift's QR code."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        shift = services.shift_for_code(signed)
    except services.VolunteerError as error:
        return TemplateResponse(
            request, "volunteers/message.html", {"message": error.message}, status=400
        )
    if request.method == "POST":
        try:
            direction, result = services.scan(shift, request.user)
        except services.VolunteerError as error:
            messages.error(request, error.message)
        else:
            if direction == "in":
                messages.success(request, _("签到成功。服务结束时请再扫一次码签退。"))
            else:
                messages.success(
                    request,
                    _("签退成功，本次服务 %(hours)s 小时，协调员审核后计入时长。")
                    % {"hours": result.hours},
                )
        return redirect(request.path)
    volunteer = services.volunteer_for(request.user)
    signup = None
    problem = ""
    try:
        signup = services.signup_for_scan(shift, volunteer)
    except services.VolunteerError as error:
        problem = error.message
    return TemplateResponse(
        request,
        "volunteers/scan.html",
        {"shift": shift, "activity": shift.activity, "signup": signup, "problem": problem},
    )
