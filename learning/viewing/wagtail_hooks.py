"""远教站点 in the Wagtail admin (one menu place, order 268), and the app's
answers to other apps' hooks."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core import log_actions
from core.admin_views import AppViewSetGroup, Screen, ScreenViewSet

from . import admin_equipment as book
from . import admin_equipment_care as care
from .log_actions import ACTIONS


class EquipmentScreens(ScreenViewSet):
    """设备运行、维修情况记录簿."""

    name = book.URL_NAMESPACE
    url_prefix = "viewing/equipment"
    icon = "desktop"
    screens = (
        Screen("", book.BookView, "index", _("运行记录簿"), "list-ul"),
        Screen("assets/", care.AssetListView, "assets", _("设备登记"), "desktop"),
        Screen("faults/", care.FaultListView, "faults", _("故障维修"), "warning"),
        Screen("inspections/", care.InspectionListView, "inspections", _("五防检查"), "tick"),
        Screen("runs/new/", book.RunFormView, "run_new"),
        Screen("runs/<id:pk>/", book.RunFormView, "run_edit"),
        Screen("runs/<id:pk>/delete/", book.RunDeleteView, "run_delete"),
        Screen("print/", book.PrintView, "print"),
        Screen("export/", book.ExportView, "export"),
        Screen("assets/new/", care.AssetFormView, "asset_new"),
        Screen("assets/<id:pk>/", care.AssetFormView, "asset_edit"),
        Screen("assets/<id:pk>/scrap/", care.AssetScrapView, "asset_scrap"),
        Screen("assets/<id:pk>/fault/", care.FaultReportView, "fault_new"),
        Screen("faults/<id:pk>/", care.FaultView, "fault"),
        Screen("faults/<id:pk>/send/", care.FaultSendView, "fault_send"),
        Screen("faults/<id:pk>/repair/", care.FaultRepairView, "fault_repair"),
        Screen("inspections/new/", care.InspectionFormView, "inspection_new"),
    )


class ViewingViewSetGroup(AppViewSetGroup):
    menu_label = _("远教站点")
    menu_icon = "desktop"
    menu_order = 268
    items = (EquipmentScreens(),)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ViewingViewSetGroup()


@hooks.register("register_log_actions")
def viewing_log_actions(actions):
    log_actions.register(actions, ACTIONS)
