"""Registering as a volunteer and the volunteer's own pages (我的志愿服务 and
my shifts).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.sms import sms_enabled
from core.http import private
from core.pagination import paginate
from events.capacity import ACTIVE

from .. import services
from ..forms import VolunteerForm
from ..models import STAR_THRESHOLDS, RecordStatus, VolunteerStatus, WishStatus, star_level
from .common import PER_PAGE


@private
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
                login(request, account, backend="accounts.backends.PermissionBackend")
            messages.success(request, _("登记已提交，协调员审核后会在这里显示结果。"))
            if user is None and sms_enabled():
                # A new account proves its number by SMS where SMS is configured.
                return redirect(
                    f"{reverse('accounts:verify_phone')}?next={reverse('volunteers:me')}"
                )
            return redirect("volunteers:me")
    return TemplateResponse(
        request,
        "volunteers/register.html",
        {"form": form, "rejected": existing, "login_url": reverse("accounts:login")},
    )


def _volunteer_or_redirect(request):
    volunteer = services.volunteer_for(request.user)
    if volunteer is None:
        messages.info(request, _("请先登记成为志愿者。"))
    return volunteer


@private
@login_required
def me(request):
    volunteer = services.volunteer_for(request.user)
    if volunteer is None:
        return TemplateResponse(request, "volunteers/me_unregistered.html")
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
    return TemplateResponse(request, "volunteers/me.html", context)


@private
@login_required
def my_shifts(request):
    volunteer = _volunteer_or_redirect(request)
    if volunteer is None:
        return redirect("volunteers:register")
    signups = volunteer.signups.select_related("shift__activity").order_by("-shift__start", "-pk")
    return TemplateResponse(
        request,
        "volunteers/my_shifts.html",
        {"volunteer": volunteer, "page_obj": paginate(request, signups, PER_PAGE)},
    )
