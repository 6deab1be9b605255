"""Members' pages of 点播需求 (personal, never cached): the public requests
ranked by votes with a category filter, the form to ask, vote and withdraw
buttons (plain POST + redirect, no script needed) and 我的点播需求."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Site

from core.http import private
from core.pagination import paginate
from learning.courses.models import CourseCategory

from .errors import ViewingError
from .forms_demand import RequestForm
from .models import ViewingRequest
from .services import demand

PER_PAGE = 20


def _refused(request):
    return TemplateResponse(request, "viewing/demand/refused.html", status=403)


def _category(request):
    value = request.GET.get("category", "")
    if not value.isdigit():
        return None
    return CourseCategory.objects.filter(pk=int(value)).first()


@private
@login_required
def demand_list(request):
    site = Site.find_for_request(request)
    if not demand.may_take_part(request.user, site):
        return _refused(request)
    category = _category(request)
    page_obj = paginate(request, ViewingRequest.objects.public(category), PER_PAGE)
    voted = demand.voted_ids(request.user, page_obj.object_list)
    for item in page_obj.object_list:
        item.voted = item.pk in voted
        item.mine = item.asked_by_id == request.user.pk
    return TemplateResponse(
        request,
        "viewing/demand/list.html",
        {
            "page_obj": page_obj,
            "categories": CourseCategory.objects.all(),
            "category": category,
            "here": request.get_full_path(),
        },
    )


@private
@login_required
def demand_new(request):
    site = Site.find_for_request(request)
    if not demand.may_take_part(request.user, site):
        return _refused(request)
    form = RequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            demand.ask(request.user, site=site, **form.cleaned_data)
        except ViewingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("点播需求已提交，远教管理员审核公开后，大家就能看到并投票。")
            )
            return redirect("viewing:demand_mine")
    return TemplateResponse(
        request,
        "viewing/demand/form.html",
        {"form": form, "pending_limit": demand.PENDING_LIMIT},
        status=400 if form.errors else 200,
    )


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("viewing:demand")


@private
@login_required
@require_POST
def demand_vote(request, pk):
    item = get_object_or_404(ViewingRequest, pk=pk)
    try:
        counted = demand.vote(item, request.user, Site.find_for_request(request))
    except ViewingError as error:
        messages.error(request, error.message)
    else:
        if counted:
            messages.success(request, _("已投票：%(title)s") % {"title": item.title})
        else:
            messages.info(request, _("您已经为这条需求投过票了。"))
    return _back(request)


@private
@login_required
@require_POST
def demand_withdraw(request, pk):
    item = get_object_or_404(ViewingRequest, pk=pk)
    try:
        demand.withdraw_vote(item, request.user)
    except ViewingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已撤回投票：%(title)s") % {"title": item.title})
    return _back(request)


@private
@login_required
def demand_mine(request):
    """我的点播需求: what became of each request the user asked for."""
    requests = (
        ViewingRequest.objects.filter(asked_by=request.user)
        .select_related("category", "session", "course")
        .with_votes()
        .order_by("-asked_at", "-pk")
    )
    return TemplateResponse(
        request,
        "viewing/demand/mine.html",
        {
            "page_obj": paginate(request, requests, PER_PAGE),
            "may_ask": demand.may_take_part(request.user, Site.find_for_request(request)),
            "list_url": reverse("viewing:demand"),
        },
    )
