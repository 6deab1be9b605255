"""The 民主评议 screens of the admin. Each declares its permission (checked
before any lookup) and calls the services; a branch administrator sees and
changes only their branches (learning/study/scope.py)."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.admin_views import AdminScreen, PermissionRequired, requested_year
from core.pagination import paginate
from learning.study import scope
from learning.study.models import Branch

from . import ballot, figures, services
from .errors import EvaluationError
from .forms import BallotForm
from .models import STAGES, TAKING_PART, Grade, Mode, Participation, Round, Stage, stage_index
from .year_figures import figures_for, figures_for_members

NS = "evaluation_admin"


def _round_or_none(request):
    return Round.objects.filter(year=requested_year(request)).first()


def _participation(request, pk):
    """A participation of the user's branches, else 404."""
    qs = Participation.objects.select_related("round", "member__branch")
    ids = scope.branch_ids_for(request.user)
    if ids is not None:
        qs = qs.filter(member__branch__in=ids)
    return get_object_or_404(qs, pk=pk)


class OpenRoundForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100)
    excellent_cap = forms.IntegerField(
        label=gettext_lazy("优秀比例上限（%）"), min_value=0, max_value=100, initial=20
    )


def _add_tallies_and_year(round_, participations, tallies=True, year=True):
    """Each participation with its member's ballot tally (``.tally``) and
    year (``.year_figures``), read for these members only: the same queries
    for 50 as for 10,000."""
    ids = [p.member_id for p in participations]
    found_tallies = ballot.results(round_, member_ids=ids) if tallies and ids else {}
    found_year = (
        figures_for_members([p.member for p in participations], round_.year) if year and ids else {}
    )
    for p in participations:
        p.tally = found_tallies.get(p.member_id)
        p.year_figures = found_year.get(p.member_id, [])


class OverviewView(AdminScreen, TemplateView):
    permission_required = "evaluation.view_round"
    header_icon = "group"
    template_name = "evaluation/admin/overview.html"
    page_title = gettext_lazy("民主评议")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = requested_year(self.request)
        round_ = _round_or_none(self.request)
        user = self.request.user
        context.update(
            year=year,
            round=round_,
            years=range(year - 2, year + 2),
            # Opening a round and moving its stage are the community's.
            runs_round=user.has_perm(services.MANAGE) and scope.sees_all_branches(user),
        )
        if round_ is None:
            context["open_form"] = OpenRoundForm(initial={"year": year, "excellent_cap": 20})
            return context
        ids = scope.branch_ids_for(self.request.user)
        qs = round_.participants.select_related("member__branch")
        if ids is not None:
            qs = qs.filter(member__branch__in=ids)
        page_obj = paginate(self.request, qs, 50)
        shown = list(page_obj.object_list)
        _add_tallies_and_year(
            round_, shown, tallies=round_.reached("ballot"), year=round_.reached("assessment")
        )
        index = stage_index(round_.stage)
        context.update(
            found=figures.figures(round_, ids),
            page_obj=page_obj,
            shown=shown,
            shows_year=round_.reached("assessment"),
            changes=round_.changes.select_related("changed_by"),
            next_stage=STAGES[index + 1] if index + 1 < len(STAGES) else None,
            branches=scope.branches_for(self.request.user),
            paper=ballot.paper_counts(round_, scope.branches_for(self.request.user))
            if round_.reached("ballot")
            else [],
        )
        return context


class OpenRoundView(PermissionRequired, View):
    permission_required = "evaluation.run_evaluation"

    def post(self, request):
        form = OpenRoundForm(request.POST)
        if form.is_valid():
            try:
                services.open_round(
                    form.cleaned_data["year"], request.user, form.cleaned_data["excellent_cap"]
                )
            except EvaluationError as error:
                messages.error(request, error.message)
        else:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        year = form.cleaned_data.get("year", "") if form.is_valid() else ""
        return redirect(f"{_url('overview')}?year={year}")


def _url(name):
    from django.urls import reverse

    return reverse(f"{NS}:{name}")


class AdvanceView(PermissionRequired, View):
    permission_required = "evaluation.run_evaluation"

    def prepare(self, request, pk):
        self.round = get_object_or_404(Round, pk=pk)

    def post(self, request, pk):
        try:
            services.advance(self.round, request.POST.get("stage", ""), request.user)
        except EvaluationError as error:
            messages.error(request, error.message)
        return redirect(f"{_url('overview')}?year={self.round.year}")


class ParticipationForm(forms.Form):
    mode = forms.ChoiceField(label=gettext_lazy("参加方式"), choices=Mode.choices)
    away = forms.BooleanField(label=gettext_lazy("流动党员"), required=False)
    absence_reason = forms.CharField(
        label=gettext_lazy("未参加原因"), max_length=200, required=False
    )
    self_review = forms.CharField(
        label=gettext_lazy("自评（按纸质表录入）"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ParticipationView(AdminScreen, TemplateView):
    """One member: mode or reason, the paper self-review, a paper ballot
    handed out; and, for the committee, the grade with the ballot results
    and the member's year beside it."""

    permission_required = "evaluation.view_participation"
    header_icon = "user"
    template_name = "evaluation/admin/participation.html"
    page_title = gettext_lazy("党员评议情况")

    def prepare(self, request, pk):
        self.participation = _participation(request, pk)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        p = self.participation
        context.update(
            p=p,
            form=form
            or ParticipationForm(
                initial={
                    "mode": p.mode,
                    "absence_reason": p.absence_reason,
                    "self_review": p.self_review,
                }
            ),
            tally=ballot.results(p.round, [p.member.branch_id]).get(p.member_id),
            year_figures=figures_for(p.member, p.round.year),
            voted=ballot.has_voted(p.round, p.member),
            grades=Participation._meta.get_field("grade").choices,
        )
        return context

    def post(self, request, pk):
        action = request.POST.get("action")
        p = self.participation
        try:
            if action == "grade":
                services.set_grade(p, request.POST.get("grade", ""), request.user)
            elif action == "paper":
                ballot.hand_out_paper(p.round, p.member, request.user)
            else:
                form = ParticipationForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form), status=400)
                data = form.cleaned_data
                if (data["mode"], data["absence_reason"]) != (p.mode, p.absence_reason):
                    services.record_participation(
                        p, data["mode"], data["absence_reason"], request.user
                    )
                if data["self_review"].strip() and data["self_review"] != p.self_review:
                    services.write_self_review(
                        p, data["self_review"], request.user, by_member=False
                    )
        except EvaluationError as error:
            messages.error(request, error.message)
            form = ParticipationForm(request.POST) if action not in ("grade", "paper") else None
            if form is not None:
                form.is_valid()
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, gettext_lazy("已保存。"))
        return redirect(request.path)


class PaperBallotView(AdminScreen, TemplateView):
    """One paper ballot of a branch, typed from the form."""

    permission_required = "evaluation.run_evaluation"
    header_icon = "doc-full"
    template_name = "evaluation/admin/paper.html"
    page_title = gettext_lazy("录入纸质测评票")

    def prepare(self, request, pk):
        self.branch = scope.get_or_404(Branch.objects.all(), request.user, pk, "pk")
        self.round = _round_or_none(request)
        if self.round is None:
            raise Http404

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        candidates = ballot.candidates(self.round, self.branch.pk)
        [(_branch, handed_out, entered)] = ballot.paper_counts(self.round, [self.branch])
        context.update(
            branch=self.branch,
            round=self.round,
            form=form or BallotForm(candidates),
            handed_out=handed_out,
            entered=entered,
        )
        return context

    def post(self, request, pk):
        form = BallotForm(ballot.candidates(self.round, self.branch.pk), request.POST)
        if form.is_valid():
            try:
                ballot.enter_paper(self.round, self.branch, form.ratings(), request.user)
            except EvaluationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, gettext_lazy("已录入一张纸质测评票。"))
                return redirect(request.get_full_path())
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _figures_or_404(request, year):
    """The year's round and its figures over the user's branches."""
    round_ = get_object_or_404(Round, year=year)
    return round_, figures.figures(round_, scope.branch_ids_for(request.user))


class PrintView(PermissionRequired, View):
    permission_required = "evaluation.view_round"

    def get(self, request, year):
        round_, found = _figures_or_404(request, year)
        return render(request, "evaluation/admin/print.html", {"round": round_, "found": found})


class ExportView(PermissionRequired, View):
    permission_required = "evaluation.view_round"

    def get(self, request, year):
        return figures.excel_response(*_figures_or_404(request, year))


class GradeBranchView(AdminScreen, TemplateView):
    """组织评定 for a whole branch on one screen: each member's tallies and
    year beside one grade select; saved together through ``set_grades``.
    A branch has at most a few hundred members: one form, no pages."""

    permission_required = services.GRADE
    header_icon = "tasks"
    template_name = "evaluation/admin/grade_branch.html"
    page_title = gettext_lazy("组织评定（按支部）")

    def prepare(self, request):
        self.round = _round_or_none(request)
        self.branches = list(scope.branches_for(request.user).order_by("name"))
        wanted = request.GET.get("branch", "")
        self.branch = next((b for b in self.branches if str(b.pk) == wanted), None)
        if self.branch is None and wanted:
            raise Http404  # not a branch of the user's
        if self.branch is None and self.branches:
            self.branch = self.branches[0]

    def rows(self):
        if self.round is None or self.branch is None:
            return []
        return list(
            self.round.participants.filter(member__branch=self.branch)
            .select_related("member")
            .order_by("member__name", "pk")
        )

    def get_context_data(self, rows=None, typed=None, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.rows() if rows is None else rows
        open_ = self.round is not None and self.round.stage == Stage.ASSESSMENT
        if rows:
            _add_tallies_and_year(self.round, rows)
        typed = typed or {}
        for p in rows:
            p.chosen = typed.get(p.pk, p.grade)
            p.gradable = p.mode in TAKING_PART
        year_asked = requested_year(self.request)
        context.update(
            year=year_asked,
            years=range(year_asked - 2, year_asked + 2),
            round=self.round,
            branch=self.branch,
            branches=self.branches,
            rows=rows,
            open=open_,
            grades=Grade.choices,
        )
        return context

    def post(self, request):
        if self.round is None:
            raise Http404
        every = self.rows()
        rows = [p for p in every if p.mode in TAKING_PART]
        # Every select as typed: shown again as typed if the save is refused.
        typed = {p.pk: request.POST.get(f"grade-{p.pk}", "") for p in rows}
        try:
            changed = services.set_grades(self.round, {p: typed[p.pk] for p in rows}, request.user)
        except EvaluationError as error:
            messages.error(request, error.message)
            return self.render_to_response(
                self.get_context_data(rows=every, typed=typed), status=400
            )
        messages.success(
            request, gettext_lazy("已保存 %(n)s 名党员的评定等次。") % {"n": len(changed)}
        )
        return redirect(request.get_full_path())
