"""The equipment book's care screens: 设备登记 (assets and their state),
故障维修 (report → send for repair → repaired, with the time out of service)
and 五防检查. Same permission as the run book, ``viewing.manage_equipment``.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.admin_views import AdminScreen, PermissionRequired, Screen, ScreenViewSet
from core.pagination import paginate

from . import admin_equipment as book_views
from . import equipment_book as book
from .admin_equipment import URL_NAMESPACE, FormScreen, url
from .errors import ViewingError
from .forms_equipment import AssetForm, FaultForm, InspectionForm, RepairForm, SendForm
from .models import Asset, AssetState, Fault, Inspection
from .services import equipment as services
from .services.runs import MANAGE_EQUIPMENT


class ListScreen(AdminScreen, TemplateView):
    permission_required = MANAGE_EQUIPMENT
    per_page = 30
    model = None

    def get_queryset(self):
        return self.model.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = paginate(self.request, self.get_queryset(), self.per_page, param="p")
        context.update(page=page, url_namespace=URL_NAMESPACE, normal=AssetState.NORMAL)
        return context


class AssetListView(ListScreen):
    header_icon = "desktop"
    template_name = "viewing/equipment/asset_list.html"
    page_title = gettext_lazy("设备登记")
    model = Asset


class AssetFormView(FormScreen):
    form_class = AssetForm
    success_message = gettext_lazy("设备登记已保存。")

    def prepare(self, request, pk=None):
        self.asset = Asset() if pk is None else get_object_or_404(Asset, pk=pk)

    def get_page_title(self):
        return _("登记设备") if self.asset.pk is None else str(self.asset)

    def form_kwargs(self):
        return {"instance": self.asset}

    def save(self, form):
        return services.save_asset(self.request.user, form.instance)

    def success_url(self, asset):
        return url("assets")


class AssetScrapView(PermissionRequired, View):
    permission_required = MANAGE_EQUIPMENT

    def prepare(self, request, pk):
        self.asset = get_object_or_404(Asset, pk=pk)

    def post(self, request, pk):
        try:
            services.scrap_asset(request.user, self.asset)
        except ViewingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已登记报废。"))
        return redirect(url("assets"))


class FaultReportView(FormScreen):
    form_class = FaultForm
    success_message = gettext_lazy("故障已登记，设备状态为“故障”。")

    def prepare(self, request, pk):
        self.asset = get_object_or_404(Asset, pk=pk)

    def get_page_title(self):
        return _("报告故障：%(asset)s") % {"asset": self.asset}

    def form_kwargs(self):
        return {"initial": {"reporter": self.request.user.get_full_name()}}

    def save(self, form):
        return services.report_fault(self.request.user, self.asset, **form.cleaned_data)

    def success_url(self, fault):
        return url("fault", fault.pk)


class FaultListView(ListScreen):
    header_icon = "warning"
    template_name = "viewing/equipment/fault_list.html"
    page_title = gettext_lazy("故障维修")

    def get_queryset(self):
        return Fault.objects.select_related("asset")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            (fault, book.duration(fault.out_of_service())) for fault in context["page"]
        ]
        return context


class FaultView(FormScreen):
    """One fault from report to repair; the forms for its next steps. The
    ``send/`` and ``repair/`` URLs post one of them."""

    template_name = "viewing/equipment/fault.html"
    header_icon = "warning"
    http_method_names = ["get", "head"]

    def prepare(self, request, pk):
        self.fault = get_object_or_404(Fault.objects.select_related("asset"), pk=pk)

    def get_page_title(self):
        return _("故障维修：%(asset)s") % {"asset": self.fault.asset}

    def get_form(self, data=None):
        return None

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        fault = self.fault
        forms = {"send_form": SendForm(), "repair_form": RepairForm()}
        if form is not None:
            forms[self.form_key] = form
        context.update(
            fault=fault,
            out_of_service=book.duration(fault.out_of_service()),
            send_form=forms["send_form"] if fault.is_open and fault.sent_at is None else None,
            repair_form=forms["repair_form"] if fault.is_open else None,
        )
        return context

    def success_url(self, fault):
        return url("fault", fault.pk)


class FaultStepView(FaultView):
    """Posts one step of the fault (its form, its service)."""

    http_method_names = ["get", "head", "post"]
    step_form = service = None

    def get_form(self, data=None):
        return self.step_form(data)

    def save(self, form):
        return type(self).service(self.request.user, self.fault, **form.cleaned_data)


class FaultSendView(FaultStepView):
    form_key, step_form, service = "send_form", SendForm, services.send_for_repair
    success_message = gettext_lazy("已登记送修，设备状态为“送修中”。")


class FaultRepairView(FaultStepView):
    form_key, step_form, service = "repair_form", RepairForm, services.mark_repaired
    success_message = gettext_lazy("已登记修复，设备恢复正常。")


class InspectionListView(ListScreen):
    header_icon = "tick"
    template_name = "viewing/equipment/inspection_list.html"
    page_title = gettext_lazy("五防检查")
    model = Inspection


class InspectionFormView(FormScreen):
    form_class = InspectionForm
    page_title = gettext_lazy("登记五防检查")
    success_message = gettext_lazy("五防检查已登记。")

    def form_kwargs(self):
        return {"initial": {"inspector": self.request.user.get_full_name()}}

    def save(self, form):
        return services.record_inspection(self.request.user, form.instance)

    def success_url(self, inspection):
        return url("inspections")


class EquipmentScreens(ScreenViewSet):
    """设备运行、维修情况记录簿."""

    name = URL_NAMESPACE
    url_prefix = "viewing/equipment"
    icon = "desktop"
    screens = (
        Screen("", book_views.BookView, "index", gettext_lazy("运行记录簿"), "list-ul"),
        Screen("assets/", AssetListView, "assets", gettext_lazy("设备登记"), "desktop"),
        Screen("faults/", FaultListView, "faults", gettext_lazy("故障维修"), "warning"),
        Screen("inspections/", InspectionListView, "inspections", gettext_lazy("五防检查"), "tick"),
        Screen("runs/new/", book_views.RunFormView, "run_new"),
        Screen("runs/<id:pk>/", book_views.RunFormView, "run_edit"),
        Screen("runs/<id:pk>/delete/", book_views.RunDeleteView, "run_delete"),
        Screen("print/", book_views.PrintView, "print"),
        Screen("export/", book_views.ExportView, "export"),
        Screen("assets/new/", AssetFormView, "asset_new"),
        Screen("assets/<id:pk>/", AssetFormView, "asset_edit"),
        Screen("assets/<id:pk>/scrap/", AssetScrapView, "asset_scrap"),
        Screen("assets/<id:pk>/fault/", FaultReportView, "fault_new"),
        Screen("faults/<id:pk>/", FaultView, "fault"),
        Screen("faults/<id:pk>/send/", FaultSendView, "fault_send"),
        Screen("faults/<id:pk>/repair/", FaultRepairView, "fault_repair"),
        Screen("inspections/new/", InspectionFormView, "inspection_new"),
    )
