"""A round's stages move forward only, logged with who and when; each
member's mode of taking part and self-review; 组织评定 with the 优秀 cap."""

import pytest

from learning.evaluation import services
from learning.evaluation.errors import EvaluationError
from learning.evaluation.models import Grade, Mode, Participation, Round, Source, Stage
from tests.accounts.factories import UserFactory
from tests.evaluation.factories import community_runner, round_at
from tests.study.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_a_round_moves_one_stage_forward_at_a_time_and_logs_who_and_when(members, community_admin):
    round_ = services.open_round(2025, community_admin)
    assert round_.participants.count() == 4
    services.advance(round_, Stage.SELF_REVIEW, community_admin)
    with pytest.raises(EvaluationError, match="只能按顺序"):
        services.advance(round_, Stage.ASSESSMENT, community_admin)  # skips 民主测评
    with pytest.raises(EvaluationError, match="只能按顺序"):
        services.advance(round_, Stage.STUDY, community_admin)  # backwards
    round_.refresh_from_db()
    assert round_.stage == Stage.SELF_REVIEW
    log = list(round_.changes.values_list("stage", "changed_by"))
    assert log == [(Stage.STUDY, community_admin.pk), (Stage.SELF_REVIEW, community_admin.pk)]


def test_only_users_with_the_permission_run_the_evaluation(members):
    with pytest.raises(EvaluationError, match="没有这项"):
        services.open_round(2025, UserFactory())
    assert not Round.objects.exists()


def test_not_taking_part_needs_a_reason_and_a_branch_admin_stays_in_their_branch(
    members, branch_admin, other_branch
):
    stranger = MemberFactory(branch=other_branch)
    round_ = services.open_round(2025, community_runner())
    mine = round_.participants.get(member=members[0])
    with pytest.raises(EvaluationError, match="填写原因"):
        services.record_participation(mine, Mode.NONE, "  ", branch_admin)
    services.record_participation(mine, Mode.NONE, "长期住院", branch_admin)
    away = round_.participants.get(member=members[1])
    services.record_participation(away, Mode.PHONE, "", branch_admin, away=True)
    assert Participation.objects.get(pk=away.pk).away
    assert Participation.objects.get(pk=mine.pk).absence_reason == "长期住院"
    with pytest.raises(EvaluationError, match="不在您负责的支部"):
        services.record_participation(
            round_.participants.get(member=stranger), Mode.PHONE, "", branch_admin
        )


def test_members_write_their_own_self_review_only_during_self_review(members, branch_admin):
    round_ = round_at(Stage.SELF_REVIEW, actor=branch_admin)
    own = round_.participants.get(member=members[0])
    with pytest.raises(EvaluationError, match="只能填写自己的"):
        services.write_self_review(own, "别人的", members[1].user, by_member=True)
    services.write_self_review(own, "认真学习，按时交纳党费。", members[0].user, by_member=True)
    paper = round_.participants.get(member=members[1])
    services.write_self_review(paper, "纸质自评表内容", branch_admin, by_member=False)
    got = dict(round_.participants.values_list("member__name", "self_review_source"))
    assert (got["甲"], got["乙"]) == (Source.ONLINE, Source.PAPER)
    services.advance(round_, Stage.BALLOT, community_runner())
    with pytest.raises(EvaluationError, match="不是自查自评阶段"):
        services.write_self_review(own, "改一改", members[0].user, by_member=True)


def test_the_share_of_excellent_is_capped_and_grades_wait_for_the_assessment(branch, branch_admin):
    MemberFactory.create_batch(10, branch=branch)
    round_ = round_at(Stage.BALLOT, actor=branch_admin, excellent_cap=20)
    first = round_.participants.first()
    with pytest.raises(EvaluationError, match="组织评定阶段"):
        services.set_grade(first, Grade.EXCELLENT, branch_admin)
    services.advance(round_, Stage.ASSESSMENT, community_runner())
    people = list(round_.participants.all())
    services.set_grade(people[0], Grade.EXCELLENT, branch_admin)
    services.set_grade(people[1], Grade.EXCELLENT, branch_admin)  # 2 of 10 = 20 %
    with pytest.raises(EvaluationError, match="最多 2 人"):
        services.set_grade(people[2], Grade.EXCELLENT, branch_admin)
    services.set_grade(people[0], Grade.EXCELLENT, branch_admin)  # unchanged: allowed
    services.set_grade(people[2], Grade.QUALIFIED, branch_admin)
    assert round_.participants.filter(grade=Grade.EXCELLENT).count() == 2


def test_grades_need_the_branch_committee_permission(members, branch_admin):
    round_ = round_at(Stage.ASSESSMENT, actor=branch_admin)
    with pytest.raises(EvaluationError, match="没有这项"):
        services.set_grade(round_.participants.first(), Grade.QUALIFIED, UserFactory())
