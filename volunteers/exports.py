"""服务时长 of a year as an export of core/exports.py: made at once when
small, by the worker with progress in 我的导出 when large (the rows:
reports.export_rows)."""

from django.utils.translation import gettext as _

from core import exports

from . import reports, services

HOURS = "volunteers.hours"


def _year(params):
    return int(params["year"])


def build_hours(user, params, progress):
    year = _year(params)
    headers, rows = reports.export_rows(year)
    content = exports.table_workbook(_("服务时长"), headers, rows, len(rows), progress)
    return exports.ExportFile(f"志愿服务时长-{year}.xlsx", content)


def register():
    exports.register(
        exports.Export(
            name=HOURS,
            label=lambda params: _("志愿服务时长 %(year)s 年") % {"year": params["year"]},
            permission=services.COORDINATE,
            count=lambda user, params: reports.volunteers_with_hours(_year(params)),
            build=build_hours,
        )
    )
