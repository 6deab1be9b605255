"""民主测评, the secret ballot.

A vote is two writes in one transaction, under a lock on the round's row:

1. ``Voted(round, member)`` — unique per round and member, so the database
   refuses a second vote whatever the screens do;
2. one ``UPDATE`` of every ``Tally`` row of the voter's branch, adding 1 to
   the chosen grade of each candidate rated and 0 elsewhere.

No ballot row exists, so none can be listed, ordered or dated; the tally
rows of a branch all change together at each vote, so which rows changed
last tells nothing either. Results are the tallies: aggregates only.
"""

from django.db import IntegrityError, transaction
from django.db.models import Case, Count, F, When
from django.utils.translation import gettext as _

from core.log_actions import log

from .errors import EvaluationError
from .models import TAKING_PART, Grade, PaperBallots, Participation, Round, Stage, Tally, Voted
from .services import MANAGE, _check_branch, _require


def candidates(round_, branch_id, exclude_member_id=None):
    """Those a voter of ``branch_id`` rates: the branch's members taking part."""
    qs = (
        Participation.objects.filter(
            round=round_, member__branch_id=branch_id, mode__in=TAKING_PART
        )
        .select_related("member")
        .order_by("member__name", "member_id")
    )
    if exclude_member_id is not None:
        qs = qs.exclude(member_id=exclude_member_id)
    return qs


def _clean(round_, branch_id, ratings, voter_id=None):
    expected = {p.member_id for p in candidates(round_, branch_id, voter_id)}
    ratings = {int(k): v for k, v in ratings.items()}
    if set(ratings) != expected:
        raise EvaluationError(_("请为本支部每一名党员选择一个评价。"))
    if any(value not in Grade.values for value in ratings.values()):
        raise EvaluationError(_("评价只能是优秀、合格、基本合格或不合格。"))
    return ratings


def _add(round_, branch_id, ratings):
    """Rewrite every tally row of the branch: +1 where chosen, +0 elsewhere."""
    changes = {}
    for grade in Grade.values:
        chosen = [member_id for member_id, value in ratings.items() if value == grade]
        changes[grade] = F(grade) + Case(When(member_id__in=chosen, then=1), default=0)
    Tally.objects.filter(round=round_, member__branch_id=branch_id).update(**changes)


def _locked_round(round_):
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.stage != Stage.BALLOT:
        raise EvaluationError(_("现在不是民主测评阶段，不能投票。"))
    return round_


def cast(round_, member, ratings):
    """The member's own vote (on their phone). ``ratings``: {candidate
    member id: grade} for every other member of the branch taking part."""
    with transaction.atomic():
        round_ = _locked_round(round_)
        if not Participation.objects.filter(
            round=round_, member=member, mode__in=TAKING_PART
        ).exists():
            raise EvaluationError(_("您不在本次民主评议的参加名单中。"))
        ratings = _clean(round_, member.branch_id, ratings, member.pk)
        try:
            with transaction.atomic():
                Voted.objects.create(round=round_, member=member)
        except IntegrityError:
            raise EvaluationError(_("您已经投过票了，每人只能投一次。")) from None
        _add(round_, member.branch_id, ratings)


def has_voted(round_, member):
    return Voted.objects.filter(round=round_, member=member).exists()


def hand_out_paper(round_, member, actor):
    """The member takes a paper ballot: they may no longer vote online."""
    _require(actor, MANAGE)
    _check_branch(actor, member)
    with transaction.atomic():
        round_ = _locked_round(round_)
        try:
            with transaction.atomic():
                Voted.objects.create(round=round_, member=member, paper=True)
        except IntegrityError:
            raise EvaluationError(
                _("党员“%(name)s”已经投过票或已领取纸质测评表。") % {"name": member.name}
            ) from None


def enter_paper(round_, branch, ratings, actor):
    """One paper ballot of ``branch``, typed by the administrator. No more
    paper ballots are entered than were handed out."""
    _require(actor, MANAGE)
    ids = None
    if actor is not None:
        from learning.study import scope

        ids = scope.branch_ids_for(actor)
    if ids is not None and branch.pk not in ids:
        raise EvaluationError(_("这个支部不归您管理。"))
    with transaction.atomic():
        round_ = _locked_round(round_)
        handed_out = paper_handed_out(round_)
        if round_.paper_ballots >= sum(handed_out.values()):
            raise EvaluationError(
                _("已录入的纸质测评票（%(n)s 张）已达到发出的纸质测评表数。")
                % {"n": round_.paper_ballots}
            )
        count, _created = PaperBallots.objects.get_or_create(round=round_, branch=branch)
        if count.entered >= handed_out.get(branch.pk, 0):
            raise EvaluationError(
                _(
                    "本支部已录入的纸质测评票（%(n)s 张）已达到本支部发出的纸质测评表数（%(m)s 张）。"
                )
                % {"n": count.entered, "m": handed_out.get(branch.pk, 0)}
            )
        ratings = _clean(round_, branch.pk, ratings)
        _add(round_, branch.pk, ratings)
        count.entered += 1
        count.save(update_fields=["entered"])
        round_.paper_ballots += 1
        round_.save(update_fields=["paper_ballots"])
        log(round_, "evaluation.paper.enter", actor)


def paper_handed_out(round_):
    """{branch id: paper forms its members took} in the round (one query)."""
    rows = (
        Voted.objects.filter(round=round_, paper=True)
        .values("member__branch")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["member__branch"]: row["n"] for row in rows}


def paper_counts(round_, branches):
    """[(branch, handed out, entered)] for these branches (two queries)."""
    handed_out = paper_handed_out(round_)
    entered = dict(PaperBallots.objects.filter(round=round_).values_list("branch_id", "entered"))
    return [(b, handed_out.get(b.pk, 0), entered.get(b.pk, 0)) for b in branches]


def results(round_, branch_ids=None, member_ids=None):
    """{member id: Tally} — the aggregates, the only way results are read;
    of some branches (ids) or of some members (ids: a page of a list)."""
    qs = Tally.objects.filter(round=round_)
    if branch_ids is not None:
        qs = qs.filter(member__branch__in=branch_ids)
    if member_ids is not None:
        qs = qs.filter(member__in=member_ids)
    return {t.member_id: t for t in qs}
