"""The equipment book's screens (设备运行、维修情况记录簿): the run book with
the weekly check, recording and changing runs, the print page and the Excel
workbook. Assets, faults and inspections are in ``admin_equipment_care.py``.

Every screen needs ``viewing.manage_equipment`` (远教管理员, 社区远教管理员);
the viewing point is the community's one room, so nothing is per branch.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.admin_views import AdminScreen, PermissionRequired, requested_year
from core.excel import sheets_response
from core.http import private_response
from core.pagination import paginate

from . import equipment_book as book
from .errors import ViewingError
from .forms_equipment import RunForm
from .models import Asset, AssetState, RunSource
from .services import equipment as services
from .services.runs import MANAGE_EQUIPMENT, record_run

URL_NAMESPACE = "viewing_equipment"


def url(name, *args):
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


def chosen_period(request):
    return book.requested_period(request, requested_year(request))


def period_query(period):
    return f"?year={period.year}&month={period.month or ''}"


class FormScreen(AdminScreen, TemplateView):
    """A form that calls a service: a refusal or an invalid field shows the
    form again with everything typed (status 400)."""

    permission_required = MANAGE_EQUIPMENT
    header_icon = "edit"
    template_name = "viewing/equipment/form.html"
    form_class = None
    success_message = ""

    def get_form(self, data=None):
        return self.form_class(data, **self.form_kwargs())

    def form_kwargs(self):
        return {}

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=form or self.get_form(), url_namespace=URL_NAMESPACE)
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                saved = self.save(form)
            except ViewingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, self.success_message)
                return redirect(self.success_url(saved))
        messages.error(request, _("填写有误，未保存：请按提示改正。"))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class BookView(AdminScreen, TemplateView):
    """运行记录簿: the period's weeks checked, its runs, the assets' state."""

    permission_required = MANAGE_EQUIPMENT
    header_icon = "desktop"
    template_name = "viewing/equipment/book.html"
    page_title = gettext_lazy("设备运行记录簿")
    per_page = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = chosen_period(self.request)
        weeks = book.weeks(period)
        this_year = timezone.localdate().year
        context.update(
            period=period,
            query=period_query(period),
            years=range(this_year, this_year - 10, -1),
            months=range(1, 13),
            weeks=weeks,
            flagged=[week for week in weeks if week.flagged],
            page=paginate(self.request, book.runs(period), self.per_page, param="p"),
            out_of_order=Asset.objects.filter(state__in=[AssetState.FAULTY, AssetState.IN_REPAIR]),
            url_namespace=URL_NAMESPACE,
            screening=RunSource.SCREENING,
        )
        return context


class RunFormView(FormScreen):
    """``runs/new/`` adds a run by hand; ``runs/<pk>/`` changes a hand-written
    one. A screening's run is shown read-only (its times are the screening's)."""

    form_class = RunForm
    template_name = "viewing/equipment/run_form.html"
    success_message = gettext_lazy("运行记录已保存。")

    def prepare(self, request, pk=None):
        self.run = None if pk is None else get_object_or_404(book.Run, pk=pk)

    def get_page_title(self):
        return _("登记设备运行") if self.run is None else _("设备运行记录")

    def form_kwargs(self):
        if self.run is None:
            return {"initial": {"started_at": timezone.localtime().replace(second=0)}}
        return {"instance": self.run}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(run=self.run, read_only=self.run and self.run.source != RunSource.HAND)
        return context

    def save(self, form):
        if self.run is not None:
            return services.change_run(self.request.user, form.instance)
        fields = dict(form.cleaned_data)
        return record_run(self.request.user, **fields)

    def success_url(self, run):
        return url("index") + f"?year={timezone.localtime(run.started_at).year}"


class RunDeleteView(PermissionRequired, View):
    permission_required = MANAGE_EQUIPMENT

    def prepare(self, request, pk):
        self.run = get_object_or_404(book.Run, pk=pk)

    def post(self, request, pk):
        try:
            services.delete_run(request.user, self.run)
        except ViewingError as error:
            messages.error(request, error.message)
            return redirect(url("run_edit", pk))
        messages.success(request, _("运行记录已删除。"))
        return redirect(url("index"))


class PrintView(PermissionRequired, View):
    """The book to print (a plain page with a print stylesheet)."""

    permission_required = MANAGE_EQUIPMENT

    def get(self, request):
        period = chosen_period(request)
        weeks = book.weeks(period)
        context = {
            "period": period,
            "assets": Asset.objects.all(),
            "runs": book.runs(period),
            "weeks": weeks,
            "flagged": sum(week.flagged for week in weeks),
            "faults": book.faults(period),
            "inspections": book.inspections(period),
            "guards": [label for _key, label in book.FIVE_GUARDS],
        }
        return private_response(render(request, "viewing/equipment/print.html", context))


class ExportView(PermissionRequired, View):
    permission_required = MANAGE_EQUIPMENT

    def get(self, request):
        period = chosen_period(request)
        name = _("设备运行维修记录簿-%(period)s.xlsx") % {"period": period.label}
        return sheets_response(name, book.sheets(period))
