"""Coordinators' 时长统计 in the Wagtail admin: hours per volunteer, team
and month for a year, with a chart and an Excel export (figures from
``reports``)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import View

from core import exports
from core.admin_views import PermissionRequired, requested_year
from core.pagination import paginate

from . import reports, services
from .admin_views import CoordinatorView
from .exports import HOURS


class ReportView(CoordinatorView):
    page_title = gettext_lazy("服务时长统计")
    template_name = "volunteers/admin/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = requested_year(self.request)
        by = self.request.GET.get("by", "volunteer")
        if by not in ("volunteer", "team"):
            by = "volunteer"
        months = reports.hours_by_month(year)
        rows = reports.hours_by_team(year) if by == "team" else reports.hours_by_volunteer(year)
        page_obj = paginate(self.request, rows, 50)
        if by == "volunteer":
            page_obj.object_list = reports.with_names(page_obj.object_list)
        context.update(
            {
                "year": year,
                "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
                "by": by,
                "months": months,
                "chart": reports.month_chart_svg(months, year),
                "page_obj": page_obj,
                "total": sum((m["hours"] for m in months), 0),
            }
        )
        return context


class ReportExportView(PermissionRequired, View):
    permission_required = services.COORDINATE

    def get(self, request):
        return exports.start(request, HOURS, {"year": requested_year(request)})
