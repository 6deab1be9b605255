"""民主测评: no ballot can be linked to its voter — no column, no order, no
time — and each member votes once; paper ballots no more than handed out."""

import pytest
from django.db import connection

from learning.evaluation import ballot
from learning.evaluation.errors import EvaluationError
from learning.evaluation.models import Stage, Tally, Voted
from tests.evaluation.factories import round_at

pytestmark = pytest.mark.django_db

PERSONAL = {"study.member"}


def _ratings(voter, members, grade_of):
    return {m.pk: grade_of(m) for m in members if m.pk != voter.pk}


def test_no_column_links_a_vote_to_its_voter():
    """The tally has no voter, user or time column; Voted has no grade or time."""
    tally = {f.name: f for f in Tally._meta.get_fields()}
    assert set(tally) == {"id", "round", "member", "excellent", "qualified", "basic", "unqualified"}
    voted = {f.name: f for f in Voted._meta.get_fields()}
    assert set(voted) == {"id", "round", "member", "paper"}
    for model in (Tally, Voted):
        kinds = {f.get_internal_type() for f in model._meta.concrete_fields}
        assert not kinds & {"DateTimeField", "DateField", "AutoField", "BigAutoField"}
        assert model._meta.pk.get_internal_type() == "UUIDField"


def _state(round_):
    tallies = sorted(
        Tally.objects.filter(round=round_).values_list(
            "member_id", "excellent", "qualified", "basic", "unqualified"
        )
    )
    voted = sorted(Voted.objects.filter(round=round_).values_list("member_id", "paper"))
    return tallies, voted


def _vote_in(order, members, admin):
    from learning.evaluation.models import Round

    Round.objects.all().delete()
    round_ = round_at(Stage.BALLOT, actor=admin)
    choices = {
        members[0].pk: lambda m: "excellent",
        members[1].pk: lambda m: "qualified" if m.name != "丁" else "basic",
        members[2].pk: lambda m: "unqualified" if m.name == "甲" else "qualified",
    }
    for index in order:
        voter = members[index]
        ballot.cast(round_, voter, _ratings(voter, members, choices[voter.pk]))
    return round_


def test_the_tables_are_the_same_whatever_the_order_of_the_votes(members, branch_admin):
    first = _state(_vote_in([0, 1, 2], members, branch_admin))
    second = _state(_vote_in([2, 0, 1], members, branch_admin))
    assert first == second
    tallies = {row[0]: row[1:] for row in first[0]}
    assert tallies[members[0].pk] == (0, 1, 0, 1)  # 甲: 合格 from 乙, 不合格 from 丙
    assert tallies[members[3].pk] == (1, 1, 1, 0)  # 丁: 优秀, 基本合格, 合格
    assert sum(sum(row) for row in tallies.values()) == 9  # 3 voters × 3 others


def test_ordering_the_rows_by_any_column_does_not_give_the_voting_order(members, branch_admin):
    """Whatever column (random keys) the rows are sorted by, the voters come
    out in no order tied to their votes: over repeated rounds the voting
    order 甲乙丙 is not what sorting by id gives back each time."""
    orders = set()
    for _ in range(6):
        round_ = _vote_in([0, 1, 2], members, branch_admin)
        orders.add(
            tuple(
                Voted.objects.filter(round=round_)
                .order_by("id")
                .values_list("member__name", flat=True)
            )
        )
    assert len(orders) > 1


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_every_tally_row_of_the_branch_is_rewritten_by_each_vote_on_postgresql(
    members, branch_admin
):
    """PostgreSQL's system column xmin names the transaction that last wrote
    a row; since each vote rewrites all its branch's rows, xmin shows only
    that someone in the branch voted last, not what they chose."""
    round_ = round_at(Stage.BALLOT, actor=branch_admin)
    voter = members[0]
    ballot.cast(round_, voter, _ratings(voter, members, lambda m: "excellent"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT xmin::text FROM evaluation_tally WHERE round_id = %s", [round_.pk]
        )
        assert len(cursor.fetchall()) == 1


def test_each_member_votes_once_and_rates_everyone_else_in_the_branch(members, branch_admin):
    round_ = round_at(Stage.BALLOT, actor=branch_admin)
    voter = members[0]
    with pytest.raises(EvaluationError, match="每一名党员"):
        ballot.cast(round_, voter, {members[1].pk: "excellent"})
    ballot.cast(round_, voter, _ratings(voter, members, lambda m: "qualified"))
    with pytest.raises(EvaluationError, match="只能投一次"):
        ballot.cast(round_, voter, _ratings(voter, members, lambda m: "excellent"))
    assert sum(t.excellent for t in ballot.results(round_).values()) == 0
    assert Voted.objects.filter(round=round_).count() == 1


def test_votes_only_during_the_ballot(members, branch_admin):
    round_ = round_at(Stage.SELF_REVIEW, actor=branch_admin)
    with pytest.raises(EvaluationError, match="不是民主测评阶段"):
        ballot.cast(round_, members[0], _ratings(members[0], members, lambda m: "qualified"))


def test_paper_ballots_are_entered_no_more_than_handed_out_and_their_voters_cannot_vote_online(
    members, branch, branch_admin
):
    round_ = round_at(Stage.BALLOT, actor=branch_admin)
    ballot.hand_out_paper(round_, members[3], branch_admin)
    with pytest.raises(EvaluationError, match="已经投过票或已领取"):
        ballot.hand_out_paper(round_, members[3], branch_admin)
    with pytest.raises(EvaluationError, match="只能投一次"):
        ballot.cast(round_, members[3], _ratings(members[3], members, lambda m: "qualified"))
    everyone = {m.pk: "qualified" for m in members}
    ballot.enter_paper(round_, branch, everyone, branch_admin)
    with pytest.raises(EvaluationError, match="已达到发出的纸质测评表数"):
        ballot.enter_paper(round_, branch, everyone, branch_admin)
    assert [t.qualified for t in ballot.results(round_).values()] == [1, 1, 1, 1]


def test_a_branch_enters_no_more_paper_ballots_than_its_own_members_took(
    members, branch, other_branch, community_admin
):
    from tests.study.factories import MemberFactory

    others = [MemberFactory(branch=other_branch) for _ in range(2)]
    round_ = round_at(Stage.BALLOT, actor=community_admin)
    ballot.hand_out_paper(round_, members[0], community_admin)
    ballot.hand_out_paper(round_, members[1], community_admin)
    ballot.hand_out_paper(round_, others[0], community_admin)
    theirs = {m.pk: "qualified" for m in others}
    ballot.enter_paper(round_, other_branch, theirs, community_admin)
    # Two forms are still out in the community, but none of the other branch's.
    with pytest.raises(EvaluationError, match="本支部发出的纸质测评表数（1 张）"):
        ballot.enter_paper(round_, other_branch, theirs, community_admin)
    ours = {m.pk: "qualified" for m in members}
    ballot.enter_paper(round_, branch, ours, community_admin)
    ballot.enter_paper(round_, branch, ours, community_admin)
    assert [
        (b.pk, out, entered)
        for b, out, entered in ballot.paper_counts(round_, [branch, other_branch])
    ] == [(branch.pk, 2, 2), (other_branch.pk, 1, 1)]
