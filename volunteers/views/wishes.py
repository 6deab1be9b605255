"""Micro-wishes (微心愿): posting one, its page (where the claiming volunteer
marks it fulfilled), and claiming it.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import private

from .. import services
from ..forms import WishDoneForm, WishForm
from ..models import PUBLIC_STATUSES, Wish, WishStatus


@private
def wish_new(request):
    form = WishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_wish(user=request.user, **form.cleaned_data)
        except services.VolunteerError as error:
            form.add_error(None, error.message)
        else:
            return TemplateResponse(request, "volunteers/wish_posted.html")
    return TemplateResponse(request, "volunteers/wish_form.html", {"form": form})


@private
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
    return TemplateResponse(
        request,
        "volunteers/wish_detail.html",
        {"wish": wish, "mine": mine, "form": form, "volunteer": volunteer},
    )


@private
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
