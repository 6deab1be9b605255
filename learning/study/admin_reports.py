"""The figures screens of the admin: the plan overview (学习计划总览) and the
ledger (学习台账) with its Excel export, each over the branches the user
administers (``scope``). What counts is in ``ledger`` and
docs/study-rules.md."""

import datetime

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.admin_views import AdminScreen, PermissionRequired, requested_year
from core.pagination import paginate

from . import chart, hours, ledger, reports, scope
from .admin_views import URL_NAMESPACE
from .models import Branch, StudyPlan, StudySession


def _month(request):
    value = request.GET.get("month", "")
    return int(value) if value.isdigit() and 1 <= int(value) <= 12 else None


# --- Plan ----------------------------------------------------------------------------------


def plan_grid(year, branches=None, now=None):
    """Per branch, per month: sessions held (published and started), of
    which not yet on a saved roll (未点名), sessions still to come (已安排),
    the plan, and whether the month is flagged: it has begun and the branch
    has neither held nor scheduled a session ("每月至少一次")."""
    now = now or timezone.now()
    first, last = ledger.period(year)
    months = ledger.months_of(first, last)
    listed = Branch.objects.all() if branches is None else Branch.objects.filter(pk__in=branches)
    plans = StudyPlan.objects.filter(month__range=(first, last))
    if branches is not None:
        plans = plans.filter(branch__in=branches)
    plans = {(p.branch_id, p.month): p for p in plans}
    start, end = ledger.bounds(first, last)
    through = StudySession.branches.through.objects.filter(
        studysession__live=True, studysession__start__gte=start, studysession__start__lt=end
    )
    if branches is not None:
        through = through.filter(branch__in=branches)
    saved = ledger.held_pairs(first, last, branches, now)
    counts = {}
    zone = timezone.get_current_timezone()
    for session_id, branch_id, when in through.values_list(
        "studysession_id", "branch_id", "studysession__start"
    ):
        month = timezone.localtime(when, zone).date().replace(day=1)
        cell = counts.setdefault((branch_id, month), {"held": 0, "unsaved": 0, "scheduled": 0})
        if when > now:
            cell["scheduled"] += 1
        else:
            cell["held"] += 1
            cell["unsaved"] += (session_id, branch_id) not in saved
    this_month = timezone.localtime(now).date().replace(day=1)
    empty = {"held": 0, "unsaved": 0, "scheduled": 0}
    rows = []
    for branch in listed:
        cells = []
        for month in months:
            cell = dict(counts.get((branch.pk, month), empty))
            cell.update(month=month, plan=plans.get((branch.pk, month)))
            cell["flagged"] = month <= this_month and not cell["held"] and not cell["scheduled"]
            cells.append(cell)
        rows.append({"branch": branch, "cells": cells, "gaps": sum(c["flagged"] for c in cells)})
    return months, rows


class PlanView(AdminScreen, TemplateView):
    permission_required = "study.view_studyplan"
    header_icon = "date"
    template_name = "study/admin/plan.html"
    page_title = gettext_lazy("学习计划")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = requested_year(self.request)
        months, rows = plan_grid(year, scope.branch_filter(self.request.user))
        context.update(year=year, months=months, rows=rows, years=range(year - 2, year + 2))
        return context


# --- Ledger -------------------------------------------------------------------------------


class LedgerView(AdminScreen, TemplateView):
    permission_required = "study.view_attendance"
    header_icon = "table"
    template_name = "study/admin/ledger.html"
    page_title = gettext_lazy("学习台账")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        year, month = requested_year(self.request), _month(self.request)
        branches = scope.branch_filter(user)
        # One summary of the year: the chart needs it, and a month is a slice of it.
        result = ledger.summary(*ledger.period(year), branches)
        shown = result if month is None else result.for_month(datetime.date(year, month, 1))
        first, last = ledger.period(year, month)
        branch = self.request.GET.get("branch", "")
        if branch:
            if not branch.isdigit():
                raise Http404
            branch = scope.get_or_404(Branch.objects.all(), user, int(branch), "pk")
            page_obj = paginate(self.request, ledger.by_member(first, last, branch), 50)
            completed = ledger.courses_completed(list(page_obj.object_list), first, last)
            hours.attach(page_obj.object_list, year)
            for member in page_obj.object_list:
                member.rate = ledger.rate(member.attended, member.invited)
                member.completed = completed.get(member.pk, 0)
            unsaved = sum(
                1 for entry in shown.pending if any(b[0] == branch.pk for b in entry.branches)
            )
            context.update(branch=branch, page_obj=page_obj, branch_unsaved=unsaved)
        context.update(
            year=year,
            month=month,
            rows=shown.rows,
            total=shown.total,
            pending=shown.pending,
            years=range(year - 2, year + 2),
            month_choices=range(1, 13),
            chart=chart.participation_svg(
                ledger.months_of(*ledger.period(year)), result.rows, result.monthly
            ),
            url_namespace=URL_NAMESPACE,
        )
        return context


class LedgerExportView(PermissionRequired, View):
    permission_required = "study.view_attendance"

    def get(self, request):
        return reports.ledger_response(
            requested_year(request), _month(request), scope.branch_filter(request.user)
        )


class ShortOfTargetView(AdminScreen, TemplateView):
    """学时未达标: members of the user's branches still short of their
    yearly study-hours target, from the last quarter of the year on."""

    permission_required = "study.view_attendance"
    header_icon = "time"
    template_name = "study/admin/short_of_target.html"
    page_title = gettext_lazy("学时未达标")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = requested_year(self.request)
        opens = hours.short_list_opens(year, timezone.localdate())
        context.update(year=year, opens=opens, years=range(year - 2, year + 1))
        if opens:
            short = hours.short_of_target(year, scope.branch_filter(self.request.user))
            context.update(page_obj=paginate(self.request, short, 50), count=len(short))
        return context
