"""点播需求 in the admin (远教站点 › 点播需求): the requests ranked by votes,
filtered by category and state, and one request's screen where it is made
public or hidden (公开 / 不公开, like 学习心得审核) and answered (计划安排 /
不安排). Every screen asks for ``viewing.answer_request``; the viewing point
serves the whole community, so requests are not split by branch."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.admin_views import AdminScreen, PermissionRequired, Screen, ScreenViewSet
from core.pagination import paginate
from learning.courses.models import CourseCategory

from .errors import ViewingError
from .forms_demand import AnswerForm
from .models import RequestAnswer, RequestStatus, ViewingRequest
from .services import demand

URL_NAMESPACE = "viewing_demand"
PERMISSION = demand.ANSWER_REQUEST
STATES = (
    ("open", gettext_lazy("待答复")),
    ("pending", gettext_lazy("待审核")),
    ("planned", gettext_lazy("计划安排")),
    ("declined", gettext_lazy("不安排")),
    ("rejected", gettext_lazy("不公开")),
)


def _filtered(state, category):
    found = ViewingRequest.objects.select_related("category", "asked_by")
    if state == "open":
        found = found.open()
    elif state in (RequestStatus.PENDING, RequestStatus.REJECTED):
        found = found.filter(status=state)
    elif state in (RequestAnswer.PLANNED, RequestAnswer.DECLINED):
        found = found.filter(answer=state)
    if category is not None:
        found = found.filter(category=category)
    return found.ranked()


class DemandIndexView(AdminScreen, TemplateView):
    permission_required = PERMISSION
    header_icon = "desktop"
    template_name = "viewing/demand/admin/index.html"
    page_title = gettext_lazy("点播需求")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = self.request.GET.get("state", "")
        state = state if state in dict(STATES) else ""
        category = self.request.GET.get("category", "")
        category = (
            CourseCategory.objects.filter(pk=int(category)).first() if category.isdigit() else None
        )
        context.update(
            page_obj=paginate(self.request, _filtered(state, category), 50),
            states=STATES,
            state=state,
            categories=CourseCategory.objects.all(),
            category=category,
            pending=ViewingRequest.objects.filter(status=RequestStatus.PENDING).count(),
            ns=URL_NAMESPACE,
        )
        return context


class DemandDetailView(AdminScreen, TemplateView):
    """One request: 公开 / 不公开, and the answer form (kept on a refusal)."""

    permission_required = PERMISSION
    header_icon = "desktop"
    template_name = "viewing/demand/admin/detail.html"
    page_title = gettext_lazy("点播需求")

    def prepare(self, request, pk):
        self.item = get_object_or_404(
            ViewingRequest.objects.select_related(
                "category", "asked_by", "session", "course", "decided_by"
            ).with_votes(),
            pk=pk,
        )

    def get_page_subtitle(self):
        return self.item.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", AnswerForm())
        context.update(item=self.item, ns=URL_NAMESPACE)
        return context

    def post(self, request, pk):
        form = AnswerForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["answer"] == RequestAnswer.PLANNED:
                    demand.plan(
                        self.item, request.user, session=data["session"], course=data["course"]
                    )
                else:
                    demand.decline(self.item, request.user, data["reason"])
            except ViewingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("已答复，提出人会在“我的点播需求”中看到。"))
                return redirect(f"{URL_NAMESPACE}:detail", pk)
        return TemplateResponse(
            request, self.template_name, self.get_context_data(form=form), status=400
        )


class ModerateView(PermissionRequired, View):
    permission_required = PERMISSION

    def post(self, request, pk, decision):
        if decision not in ("approve", "reject"):
            raise Http404
        item = get_object_or_404(ViewingRequest, pk=pk)
        try:
            demand.moderate(item, decision == "approve", request.user)
        except ViewingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("已公开。") if decision == "approve" else _("已设为不公开。")
            )
        return redirect(f"{URL_NAMESPACE}:detail", pk)


class DemandScreens(ScreenViewSet):
    name = URL_NAMESPACE
    url_prefix = "viewing/demand"
    icon = "desktop"
    screens = (
        Screen("", DemandIndexView, "index", gettext_lazy("点播需求"), "desktop"),
        Screen("<id:pk>/", DemandDetailView, "detail"),
        Screen("<id:pk>/<str:decision>/", ModerateView, "moderate"),
    )
