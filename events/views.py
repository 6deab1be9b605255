"""The registration views (never cached: forms, personal state). The event
list, month calendar and calendar files are routes of the Wagtail pages
(``EventIndexPage``, ``EventPage`` in models/), cached for anonymous visitors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.http import private
from core.pagination import paginate
from core.personal_parts import personal_part
from core.qr import qr_svg
from core.site_url import absolute_url

from . import services
from .capacity import ACTIVE, RegistrationStatus
from .forms import GuestRegistrationForm, MemberRegistrationForm
from .models import EVENTS_PER_PAGE, OCCURRENCES_ON_PAGE, EventPage, Occurrence, Registration


def bad_request(request, message, status=400):
    return TemplateResponse(request, "events/bad_request.html", {"message": message}, status=status)


# --- Registration (uncached) ----------------------------------------------------------


def _live_occurrence(pk):
    occurrence = get_object_or_404(Occurrence.objects.select_related("event"), pk=pk)
    if not occurrence.event.live:
        raise Http404
    return occurrence


def _active_registration(occurrence, user):
    if not user.is_authenticated:
        return None
    return occurrence.registrations.filter(user=user, status__in=ACTIVE).first()


@private
def register(request, pk):
    occurrence = _live_occurrence(pk)
    event = occurrence.event
    user = request.user if request.user.is_authenticated else None
    existing = _active_registration(occurrence, request.user)
    if existing is not None:
        messages.info(request, _("您已经报名了这一场活动。"))
        return redirect("events:confirmation", existing.code)
    form_class = MemberRegistrationForm if user else GuestRegistrationForm
    kwargs = {"max_companions": event.max_companions}
    form = form_class(request.POST if request.method == "POST" else None, **kwargs)
    needs_login = user is None and not event.is_public
    if request.method == "POST" and needs_login:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.register(
                occurrence,
                user=user,
                name=data.get("name", ""),
                phone=data.get("phone", ""),
                email=data.get("email", ""),
                companions=data.get("companions", 0),
                actor=user,
            )
        except services.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            if registration.is_confirmed:
                messages.success(request, _("报名成功！请保存本页的签到二维码。"))
            else:
                messages.warning(
                    request, _("名额已满，您已进入候补名单。有人取消时会按顺序自动转正。")
                )
            return redirect("events:confirmation", registration.code)
    context = {
        "occurrence": occurrence,
        "event": event,
        "form": form,
        "state": occurrence.registration_state(),
        "needs_login": needs_login,
        "login_url": f"{reverse('accounts:login')}?next={request.path}",
        "places_left": occurrence.places_left(),
    }
    return TemplateResponse(request, "events/register.html", context)


@personal_part
@private
def event_status(request, pk):
    """The live part of an event page: places left per occurrence and, for a
    logged-in visitor, their own registration with a one-click button."""
    event = get_object_or_404(EventPage.objects.live(), pk=pk)
    occurrences = list(event.upcoming_occurrences()[:OCCURRENCES_ON_PAGE])
    mine = {}
    if request.user.is_authenticated:
        for registration in Registration.objects.filter(
            occurrence__in=occurrences, user=request.user, status__in=ACTIVE
        ):
            mine[registration.occurrence_id] = registration
    rows = []
    for occurrence in occurrences:
        occurrence.event = event
        rows.append(
            {
                "occurrence": occurrence,
                "state": occurrence.registration_state(),
                "places_left": occurrence.places_left(),
                "waiting": occurrence.waiting_list().count(),
                "mine": mine.get(occurrence.pk),
            }
        )
    return TemplateResponse(request, "events/includes/status.html", {"event": event, "rows": rows})


def _registration_by_code(code):
    return get_object_or_404(Registration.objects.select_related("occurrence__event"), code=code)


@private
def confirmation(request, code):
    registration = _registration_by_code(code)
    check_in_url = absolute_url(
        reverse("events:check_in", args=[services.check_in_code(registration)]), request
    )
    cancellable = registration.is_active and registration.occurrence.start > timezone.now()
    allowed = services.may_cancel(registration, request.user, secret=code)
    context = {
        "registration": registration,
        "occurrence": registration.occurrence,
        "event": registration.occurrence.event,
        "qr": qr_svg(check_in_url, _("签到二维码：请在活动现场出示给工作人员扫描"))
        if registration.is_confirmed
        else None,
        "waiting_position": registration.waiting_position(),
        "can_cancel": cancellable and allowed,
        # An account's registration seen by someone else (or logged out).
        "cancel_needs_login": cancellable and not allowed and not request.user.is_authenticated,
        "login_url": f"{reverse('accounts:login')}?next={request.path}",
    }
    return TemplateResponse(request, "events/confirmation.html", context)


@private
def cancel(request, code):
    """GET: a second screen that says what will be lost, with 确认取消 and
    返回 (a mis-tap never costs anyone their place); POST: cancel.

    Only the registrant (the account that registered; for a guest, whoever
    holds the confirmation link) or an organiser may (``services.may_cancel``).
    """
    registration = _registration_by_code(code)
    if not services.may_cancel(registration, request.user, secret=code):
        if registration.user_id and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        message = _("只有报名者本人或活动工作人员可以取消这条报名。")
        return bad_request(request, message, status=403)
    occurrence = registration.occurrence
    if request.method == "POST":
        try:
            services.cancel(registration, actor=request.user, secret=code)
        except services.RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已取消报名，名额已经让出。"))
        return redirect("events:confirmation", registration.code)
    if not registration.is_active or occurrence.start <= timezone.now():
        return redirect("events:confirmation", registration.code)
    context = {
        "registration": registration,
        "occurrence": occurrence,
        "event": occurrence.event,
        "waiting_position": registration.waiting_position(),
        "waiting": occurrence.waiting_list().count() if registration.is_confirmed else 0,
    }
    return TemplateResponse(request, "events/cancel.html", context)


def _can_check_in(user):
    return user.has_perm("events.check_in_registration")


@private
def check_in(request, signed):
    """Where the organiser's phone lands after scanning a QR code."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not _can_check_in(request.user):
        return bad_request(request, _("只有活动工作人员可以为报名者签到。"), status=403)
    try:
        registration = services.registration_for_check_in_code(signed)
    except services.RegistrationError as error:
        return bad_request(request, error.message)
    if request.method == "POST":
        try:
            services.check_in(registration, request.user)
        except services.RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("签到成功：%(name)s") % {"name": registration.name})
        return redirect(request.path)
    context = {
        "registration": registration,
        "occurrence": registration.occurrence,
        "event": registration.occurrence.event,
        "show_phone": request.user.has_perm("events.view_registrant_phone"),
    }
    return TemplateResponse(request, "events/check_in.html", context)


@private
@login_required
def mine(request):
    registrations = (
        Registration.objects.filter(user=request.user)
        .select_related("occurrence__event")
        .order_by("-occurrence__start", "-pk")
    )
    page_obj = paginate(request, registrations, EVENTS_PER_PAGE)
    return TemplateResponse(
        request,
        "events/my_registrations.html",
        {"page_obj": page_obj, "statuses": RegistrationStatus},
    )
