"""Public views. The section page, leaderboard and wish list are routes of
the Wagtail page ``VolunteerIndexPage`` (cached whole for anonymous
visitors, nothing personal in them). Everything personal or with a form is
here under /volunteer/, never cached."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.sms import sms_enabled
from core.models import CommunitySettings
from core.pagination import paginate
from core.qr import qr_svg
from events.capacity import ACTIVE

from . import certificates, services
from .forms import (
    CertificateForm,
    CorrectionForm,
    RecordForm,
    VerifyForm,
    VolunteerForm,
    WishDoneForm,
    WishForm,
)
from .models import (
    PUBLIC_STATUSES,
    STAR_THRESHOLDS,
    Certificate,
    RecordStatus,
    ServiceArea,
    ServiceRecord,
    Shift,
    ShiftSignup,
    Team,
    Volunteer,
    VolunteerActivity,
    VolunteerStatus,
    Wish,
    WishStatus,
    star_level,
)

PER_PAGE = 20
LEADERBOARD_SIZE = 50


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


def _render(request, template, context=None, status=200):
    return _private(TemplateResponse(request, template, context or {}, status=status))


def _issuer(request):
    from wagtail.models import Site

    site = Site.find_for_request(request)
    name = CommunitySettings.for_site(site).name if site else ""
    return name or _("社区志愿服务站")


# --- Routes of the section page (cached, the same for every visitor) ---------------


def landing(request, page):
    context = {
        "page": page,
        "self": page,
        "areas": ServiceArea.objects.filter(active=True),
        "teams": Team.objects.annotate(
            member_count=Count("members", filter=Q(members__status=VolunteerStatus.APPROVED))
        ).select_related("leader"),
        **services.public_figures(),
    }
    return TemplateResponse(request, "volunteers/volunteer_index_page.html", context)


def leaderboard_rows(limit=LEADERBOARD_SIZE):
    """Volunteers who chose to appear, by approved hours; masked names only."""
    volunteers = (
        Volunteer.objects.approved()
        .filter(show_on_leaderboard=True)
        .annotate(
            hours=Coalesce(
                Sum("records__hours", filter=Q(records__status=RecordStatus.APPROVED)),
                Value(0),
                output_field=DecimalField(),
            )
        )
        .filter(hours__gt=0)
        .select_related("team")
        .order_by("-hours", "pk")[:limit]
    )
    return [
        {
            "rank": rank,
            "name": volunteer.masked_name,
            "team": volunteer.team.name if volunteer.team else "",
            "hours": volunteer.hours,
            "stars": star_level(volunteer.hours),
        }
        for rank, volunteer in enumerate(volunteers, start=1)
    ]


def leaderboard(request, page):
    context = {
        "page": page,
        "self": page,
        "rows": leaderboard_rows(),
        "thresholds": STAR_THRESHOLDS,
    }
    return TemplateResponse(request, "volunteers/leaderboard.html", context)


def wish_list(request, page):
    wishes = Wish.objects.filter(status__in=PUBLIC_STATUSES).order_by(
        "status", "-moderated_at", "-pk"
    )
    status = request.GET.get("status", "")
    if status in (WishStatus.OPEN, WishStatus.CLAIMED, WishStatus.FULFILLED):
        wishes = wishes.filter(status=status)
    context = {
        "page": page,
        "self": page,
        "page_obj": paginate(request, wishes, PER_PAGE),
        "statuses": [
            (WishStatus.OPEN, WishStatus.OPEN.label),
            (WishStatus.CLAIMED, WishStatus.CLAIMED.label),
            (WishStatus.FULFILLED, WishStatus.FULFILLED.label),
        ],
        "selected_status": status,
    }
    return TemplateResponse(request, "volunteers/wish_list.html", context)


# --- Registration ------------------------------------------------------------------


def register(request):
    user = request.user if request.user.is_authenticated else None
    existing = services.volunteer_for(user)
    if existing is not None and existing.status != VolunteerStatus.REJECTED:
        messages.info(request, _("您已经登记过志愿者。"))
        return redirect("volunteers:me")
    initial = {}
    if existing is not None:  # a rejected volunteer applies again, nothing retyped
        initial = {
            "real_name": existing.real_name,
            "areas": list(existing.areas.all()),
            "skills": list(existing.skills.all()),
            "availability": [v for v in existing.availability.split(",") if v],
            "preferred_team": existing.preferred_team,
            "is_party_member": existing.is_party_member,
            "work_unit": existing.work_unit,
            "show_on_leaderboard": existing.show_on_leaderboard,
        }
    form = VolunteerForm(
        request.POST if request.method == "POST" else None, user=user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                account = user
                if account is None:
                    account = get_user_model().objects.create_user(
                        data["phone"], data["password1"], real_name=data["real_name"]
                    )
                services.register_volunteer(
                    account,
                    real_name=data["real_name"],
                    phone=account.phone,
                    areas=data["areas"],
                    skills=data["skills"],
                    availability=data["availability"],
                    preferred_team=data["preferred_team"],
                    is_party_member=data["is_party_member"],
                    work_unit=data["work_unit"],
                    show_on_leaderboard=data["show_on_leaderboard"],
                    consent=data["consent"],
                    email=data["email"],
                )
        except services.VolunteerError as error:
            form.add_error(None, error.message)
        else:
            if user is None:
                login(request, account, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("登记已提交，协调员审核后会在这里显示结果。"))
            if user is None and sms_enabled():
                # A new account proves its number by SMS where SMS is configured.
                return redirect(
                    f"{reverse('accounts:verify_phone')}?next={reverse('volunteers:me')}"
                )
            return redirect("volunteers:me")
    return _render(
        request,
        "volunteers/register.html",
        {"form": form, "rejected": existing, "login_url": reverse("accounts:login")},
    )


def _volunteer_or_redirect(request):
    volunteer = services.volunteer_for(request.user)
    if volunteer is None:
        messages.info(request, _("请先登记成为志愿者。"))
    return volunteer


@login_required
def me(request):
    volunteer = services.volunteer_for(request.user)
    if volunteer is None:
        return _render(request, "volunteers/me_unregistered.html")
    now = timezone.now()
    hours = volunteer.approved_hours()
    stars = star_level(hours)
    next_threshold = next((t for t in STAR_THRESHOLDS if t > hours), None)
    context = {
        "volunteer": volunteer,
        "hours": hours,
        "stars": stars,
        "next_threshold": next_threshold,
        "pending_hours": volunteer.records.filter(status=RecordStatus.SUBMITTED).aggregate(
            total=Sum("hours")
        )["total"]
        or 0,
        "upcoming": volunteer.signups.filter(status__in=ACTIVE, shift__end__gte=now)
        .select_related("shift__activity")
        .order_by("shift__start"),
        "certificates": volunteer.certificates.all()[:5],
        "wishes": volunteer.wishes.exclude(status=WishStatus.OPEN).order_by("-claimed_at")[:10],
        "trainings": volunteer.trainings.all()[:10],
        "commendations": volunteer.commendations.all()[:10],
    }
    return _render(request, "volunteers/me.html", context)


@login_required
def my_shifts(request):
    volunteer = _volunteer_or_redirect(request)
    if volunteer is None:
        return redirect("volunteers:register")
    signups = volunteer.signups.select_related("shift__activity").order_by("-shift__start", "-pk")
    return _render(
        request,
        "volunteers/my_shifts.html",
        {"volunteer": volunteer, "page_obj": paginate(request, signups, PER_PAGE)},
    )


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
    return _render(
        request,
        "volunteers/open_shifts.html",
        {
            "volunteer": volunteer,
            "rows": rows,
            "page_obj": page_obj,
            "only_eligible": only_eligible,
        },
    )


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
    return _render(request, "volunteers/shift_detail.html", context)


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
    return _render(
        request,
        "volunteers/includes/shift_status.html",
        {"rows": rows, "volunteer": volunteer},
    )


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
    return _render(request, "volunteers/cancel_confirm.html", context)


def scan(request, signed):
    """Where a volunteer's phone lands after scanning the shift's QR code."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        shift = services.shift_for_code(signed)
    except services.VolunteerError as error:
        return _render(request, "volunteers/message.html", {"message": error.message}, 400)
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
    return _render(
        request,
        "volunteers/scan.html",
        {"shift": shift, "activity": shift.activity, "signup": signup, "problem": problem},
    )


# --- Records and corrections ----------------------------------------------------


@login_required
def records(request):
    volunteer = services.volunteer_for(request.user)
    if volunteer is None:
        return redirect("volunteers:register")
    page_obj = paginate(
        request,
        volunteer.records.prefetch_related("corrections").order_by("-date", "-pk"),
        PER_PAGE,
    )
    return _render(
        request,
        "volunteers/records.html",
        {"volunteer": volunteer, "page_obj": page_obj, "hours": volunteer.approved_hours()},
    )


@login_required
def record_new(request):
    volunteer = services.volunteer_for(request.user)
    if volunteer is None:
        return redirect("volunteers:register")
    form = RecordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_record(volunteer, request.user, **form.cleaned_data)
        except services.VolunteerError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("已提交，协调员审核通过后计入服务时长。"))
            return redirect("volunteers:records")
    return _render(request, "volunteers/record_form.html", {"form": form, "volunteer": volunteer})


@login_required
def record_detail(request, pk):
    record = get_object_or_404(ServiceRecord, pk=pk, volunteer__user=request.user)
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_correction(record, request.user, **form.cleaned_data)
        except services.VolunteerError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("更正申请已提交，协调员处理后会在这里显示结果。"))
            return redirect("volunteers:record", pk)
    context = {
        "record": record,
        "form": form,
        "corrections": record.corrections.all(),
        "changes": record.changes.select_related("changed_by"),
    }
    return _render(request, "volunteers/record_detail.html", context)


# --- Certificates ---------------------------------------------------------------


@login_required
def certificate_list(request):
    volunteer = services.volunteer_for(request.user)
    if volunteer is None:
        return redirect("volunteers:register")
    today = timezone.localdate()
    form = CertificateForm(
        request.POST if request.method == "POST" else None,
        initial={"date_from": today.replace(month=1, day=1), "date_to": today},
    )
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.issue_certificate(
                volunteer,
                request.user,
                form.cleaned_data["date_from"],
                form.cleaned_data["date_to"],
                _issuer(request),
            )
        except services.VolunteerError as error:
            form.add_error(None, error.message)
        else:
            return redirect("volunteers:certificate", certificate.code)
    page_obj = paginate(request, volunteer.certificates.all(), PER_PAGE)
    return _render(request, "volunteers/certificates.html", {"form": form, "page_obj": page_obj})


def _own_certificate(request, code):
    certificate = get_object_or_404(Certificate.objects.select_related("volunteer"), code=code)
    if certificate.volunteer.user_id != request.user.pk and not services.is_coordinator(
        request.user
    ):
        raise Http404
    return certificate


@login_required
def certificate(request, code):
    certificate = _own_certificate(request, code)
    verify_url = certificates.verify_url(certificate, request)
    return _render(
        request,
        "volunteers/certificate.html",
        {
            "certificate": certificate,
            "text": certificates.certificate_text(certificate),
            "verify_url": verify_url,
            "qr": qr_svg(verify_url, _("验证二维码：扫码核验这份证明")),
        },
    )


@login_required
def certificate_pdf(request, code):
    certificate = _own_certificate(request, code)
    response = HttpResponse(
        certificates.certificate_pdf(certificate, certificates.verify_url(certificate, request)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return _private(response)


def verify(request):
    """Anyone checks a certificate code; a hit shows only what is needed to
    trust the paper in front of them (masked name, range, hours)."""
    form = VerifyForm(request.GET if "code" in request.GET else None)
    found = None
    checked = False
    if form.is_bound and form.is_valid():
        checked = True
        found = services.verify_certificate(form.cleaned_data["code"])
    return _render(
        request, "volunteers/verify.html", {"form": form, "found": found, "checked": checked}
    )


# --- Micro-wishes ---------------------------------------------------------------


def wish_new(request):
    form = WishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_wish(user=request.user, **form.cleaned_data)
        except services.VolunteerError as error:
            form.add_error(None, error.message)
        else:
            return _render(request, "volunteers/wish_posted.html")
    return _render(request, "volunteers/wish_form.html", {"form": form})


def wish_detail(request, pk):
    wish = get_object_or_404(Wish, pk=pk, status__in=PUBLIC_STATUSES)
    volunteer = services.volunteer_for(request.user)
    mine = volunteer is not None and wish.claimed_by_id == volunteer.pk
    form = None
    if mine and wish.status == WishStatus.CLAIMED:
        form = WishDoneForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.fulfil_wish(wish, request.user, **form.cleaned_data)
            except services.VolunteerError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("谢谢您！服务时长已提交，协调员审核后计入。"))
                return redirect("volunteers:wish", pk)
    return _render(
        request,
        "volunteers/wish_detail.html",
        {"wish": wish, "mine": mine, "form": form, "volunteer": volunteer},
    )


@require_POST
def wish_claim(request, pk):
    wish = get_object_or_404(Wish, pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("volunteers:wish", args=[pk]))
    try:
        services.claim_wish(wish, request.user)
    except services.VolunteerError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("认领成功。联系人电话见下方，请尽快联系。"))
    return redirect("volunteers:wish", pk)
