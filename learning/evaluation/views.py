"""Members' own pages of the 民主评议 (personal, never cached): where the
round stands for me, my self-review, my secret ballot, my result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.http import private
from learning.study.services import member_for_user

from . import ballot, services
from .errors import EvaluationError
from .forms import BallotForm, SelfReviewForm
from .models import Participation, Round, Stage


def _mine(request):
    """(member, round, participation) for the latest round, any may be None."""
    member = member_for_user(request.user)
    round_ = Round.objects.order_by("-year").first()
    participation = None
    if member is not None and round_ is not None:
        participation = Participation.objects.filter(round=round_, member=member).first()
    return member, round_, participation


@private
@login_required
def mine(request):
    member, round_, participation = _mine(request)
    context = {"member": member, "round": round_, "participation": participation}
    if participation is not None:
        context.update(
            voted=ballot.has_voted(round_, member),
            can_review=round_.stage == Stage.SELF_REVIEW,
            can_vote=round_.stage == Stage.BALLOT and participation.taking_part,
            show_result=round_.reached(Stage.FEEDBACK),
        )
    return TemplateResponse(request, "evaluation/mine.html", context)


def _refused(request, message):
    return TemplateResponse(request, "evaluation/refused.html", {"message": message}, status=403)


@private
@login_required
def self_review(request):
    member, round_, participation = _mine(request)
    if participation is None or round_.stage != Stage.SELF_REVIEW:
        return _refused(request, _("现在没有需要填写的自评。"))
    form = SelfReviewForm(request.POST or None, initial={"text": participation.self_review})
    if request.method == "POST" and form.is_valid():
        try:
            services.write_self_review(
                participation, form.cleaned_data["text"], request.user, by_member=True
            )
        except EvaluationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("自评已保存。"))
            return redirect("evaluation:mine")
    return TemplateResponse(
        request,
        "evaluation/self_review.html",
        {"form": form, "round": round_},
        status=400 if form.errors else 200,
    )


@private
@login_required
def vote(request):
    member, round_, participation = _mine(request)
    if participation is None or round_.stage != Stage.BALLOT or not participation.taking_part:
        return _refused(request, _("现在不是民主测评阶段，或您不在参加名单中。"))
    if ballot.has_voted(round_, member):
        return _refused(request, _("您已经投过票了，每人只能投一次。"))
    candidates = ballot.candidates(round_, member.branch_id, member.pk)
    form = BallotForm(candidates, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ballot.cast(round_, member, form.ratings())
        except EvaluationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("投票成功。您的选择不与您的姓名一起保存，任何人都看不到。"))
            return redirect("evaluation:mine")
    return TemplateResponse(
        request,
        "evaluation/ballot.html",
        {"form": form, "round": round_},
        status=400 if form.errors else 200,
    )
