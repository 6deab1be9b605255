"""The 三会一课 register screens: a branch's year (held against due per kind
and period, missing periods flagged), the community overview across the
user's branches, and the yearly 三会一课记录本 to print and in Excel.

Permission ``meetings.view_register``; branches limited to the user's
(``learning.study.scope``).
"""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.admin_views import AdminScreen, PermissionRequired, requested_year
from core.excel import sheets_response
from core.http import private_response
from learning.study import scope

from . import record_book, register
from .admin_views import URL_NAMESPACE, chosen_branch
from .models import MeetingKind


class RegisterView(AdminScreen, TemplateView):
    permission_required = "meetings.view_register"
    header_icon = "table"
    template_name = "meetings/admin/register.html"
    page_title = gettext_lazy("三会一课台账")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        branch = chosen_branch(self.request)
        year = requested_year(self.request)
        lines = register.branch_years([branch], year)[branch.pk] if branch else []
        context.update(
            branch=branch,
            branches=scope.branches_for(self.request.user),
            year=year,
            years=range(timezone.localdate().year + 1, timezone.localdate().year - 9, -1),
            lines=lines,
            summary=register.summary(lines),
            has_groups=any(line.party_group for line in lines),
            url_namespace=URL_NAMESPACE,
        )
        return context


class OverviewView(AdminScreen, TemplateView):
    permission_required = "meetings.view_register"
    header_icon = "site"
    template_name = "meetings/admin/overview.html"
    page_title = gettext_lazy("各支部三会一课概况")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = requested_year(self.request)
        branches = list(scope.branches_for(self.request.user))
        years = register.branch_years(branches, year)
        rows = []
        for branch in branches:
            lines = years[branch.pk]
            per_kind = {}
            for line in lines:
                held, due, overdue = per_kind.get(line.kind, (0, 0, 0))
                per_kind[line.kind] = (held + line.held, due + line.due, overdue + line.overdue)
            rows.append(
                {
                    "branch": branch,
                    "cells": [per_kind.get(kind, (0, 0, 0)) for kind in MeetingKind.values],
                    "overdue": sum(line.overdue for line in lines),
                }
            )
        context.update(
            year=year,
            rows=rows,
            kinds=[str(label) for label in MeetingKind.labels],
            url_namespace=URL_NAMESPACE,
        )
        return context


class RegisterPrintView(PermissionRequired, View):
    """三会一课记录本 to print: a plain page with a print stylesheet."""

    permission_required = "meetings.view_register"

    def get(self, request):
        branch = chosen_branch(request)
        year = requested_year(request)
        lines = record_book.book(branch, year) if branch else []
        summary = register.branch_years([branch], year)[branch.pk] if branch else []
        response = render(
            request,
            "meetings/admin/register_print.html",
            {
                "branch": branch,
                "year": year,
                "lines": lines,
                "summary": register.summary(summary),
            },
        )
        return private_response(response)


class RegisterExportView(PermissionRequired, View):
    permission_required = "meetings.view_register"

    def get(self, request):
        branch = chosen_branch(request)
        year = requested_year(request)
        name = branch.name if branch else ""
        return sheets_response(
            f"三会一课记录本-{name}-{year}.xlsx", record_book.sheets(branch, year)
        )
