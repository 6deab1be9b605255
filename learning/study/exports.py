"""党员名单 as an export of core/exports.py: made at once when small, by the
worker with progress in 我的导出 when large (the rows: importing.export_rows)."""

from django.utils.translation import gettext as _

from core import exports

from . import importing, scope
from .models import Member

MEMBERS = "study.members"


def members(user, params):
    """The active members ``user`` may see, of one branch if ``params`` name it."""
    queryset = scope.within(Member.objects.filter(active=True), user).order_by(
        "branch__sort_order", "branch__name", "name"
    )
    branch = str(params.get("branch") or "")
    if branch.isdigit():
        queryset = queryset.filter(branch_id=int(branch))
    return queryset


def build_members(user, params, progress):
    queryset = members(user, params)
    rows = importing.export_rows(queryset)
    content = exports.table_workbook(
        _("党员名单"), importing.HEADERS, rows, queryset.count(), progress
    )
    return exports.ExportFile("党员名单.xlsx", content)


def register():
    exports.register(
        exports.Export(
            name=MEMBERS,
            label=lambda params: _("党员名单"),
            permission="study.view_member",
            count=lambda user, params: members(user, params).count(),
            build=build_members,
        )
    )
