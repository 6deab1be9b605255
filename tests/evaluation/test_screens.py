"""The member's pages (self-review, ballot, result) and the admin's screens
(open, advance, participation, grade with the member's year, paper ballot),
driven through their real URLs."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.evaluation import ballot, services
from learning.evaluation.errors import EvaluationError
from learning.evaluation.models import Grade, Mode, Participation, Round, Stage, Tally, Voted
from learning.evaluation.year_figures import figures_for
from tests.evaluation.factories import community_runner, round_at
from tests.volunteers.factories import VolunteerFactory, coordinator

pytestmark = pytest.mark.django_db


def test_a_member_writes_a_self_review_and_keeps_the_text_on_an_error(
    client, members, branch_admin
):
    round_at(Stage.SELF_REVIEW, actor=branch_admin)
    client.force_login(members[0].user)
    url = reverse("evaluation:self_review")
    too_long = "学" * 3001
    response = client.post(url, {"text": too_long})
    assert response.status_code == 400 and too_long in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert client.post(url, {"text": "按时参加组织生活。"}).status_code == 302
    page = client.get(reverse("evaluation:mine")).content.decode()
    assert "按时参加组织生活。" in page


def test_a_member_votes_once_and_a_missing_choice_keeps_the_others(client, members, branch_admin):
    round_ = round_at(Stage.BALLOT, actor=branch_admin)
    client.force_login(members[0].user)
    url = reverse("evaluation:ballot")
    partial = {f"m{members[1].pk}": "excellent", f"m{members[2].pk}": "basic"}
    response = client.post(url, partial)
    page = response.content.decode()
    assert response.status_code == 400 and f"请为{members[3].name}选择评价" in page
    kept = re.search(rf'<input[^>]*name="m{members[2].pk}"[^>]*value="basic"[^>]*>', page)
    assert kept and "checked" in kept.group(0)
    response = client.post(url, {**partial, f"m{members[3].pk}": "qualified"})
    assert response.status_code == 302
    assert client.get(url).status_code == 403  # once
    assert Voted.objects.filter(round=round_, member=members[0]).exists()
    assert Tally.objects.get(round=round_, member=members[2]).basic == 1


def test_a_member_sees_the_grade_from_the_feedback_stage(client, members, branch_admin):
    round_ = round_at(Stage.ASSESSMENT, actor=branch_admin)
    services.set_grade(round_.participants.get(member=members[0]), Grade.QUALIFIED, branch_admin)
    client.force_login(members[0].user)
    assert "支部评定等次" not in client.get(reverse("evaluation:mine")).content.decode()
    services.advance(round_, Stage.FEEDBACK, community_runner())
    assert "支部评定等次：合格" in client.get(reverse("evaluation:mine")).content.decode()


def test_the_community_administrator_opens_and_advances_a_round_on_screen(
    client, members, community_admin
):
    client.force_login(community_admin)
    response = client.post(reverse("evaluation_admin:open"), {"year": 2025, "excellent_cap": 20})
    assert response.status_code == 302
    round_ = Round.objects.get(year=2025)
    client.post(reverse("evaluation_admin:advance", args=[round_.pk]), {"stage": Stage.SELF_REVIEW})
    client.post(reverse("evaluation_admin:advance", args=[round_.pk]), {"stage": Stage.FEEDBACK})
    round_.refresh_from_db()
    assert round_.stage == Stage.SELF_REVIEW
    page = client.get(reverse("evaluation_admin:overview") + "?year=2025").content.decode()
    assert "当前阶段：自查自评" in page and members[0].name in page


def test_a_branch_administrator_can_neither_open_nor_advance_the_communitys_round(
    client, members, branch_admin
):
    client.force_login(branch_admin)
    page = client.get(reverse("evaluation_admin:overview") + "?year=2025").content.decode()
    assert 'action="' + reverse("evaluation_admin:open") not in page
    client.post(reverse("evaluation_admin:open"), {"year": 2025, "excellent_cap": 20})
    assert not Round.objects.filter(year=2025).exists()
    with pytest.raises(EvaluationError, match="只有社区远教管理员"):
        services.open_round(2025, branch_admin)
    round_ = round_at(Stage.STUDY)
    page = client.get(reverse("evaluation_admin:overview") + "?year=2025").content.decode()
    assert reverse("evaluation_admin:advance", args=[round_.pk]) not in page
    client.post(reverse("evaluation_admin:advance", args=[round_.pk]), {"stage": Stage.SELF_REVIEW})
    round_.refresh_from_db()
    assert round_.stage == Stage.STUDY


def test_not_taking_part_without_a_reason_is_refused_and_the_form_keeps_the_review(
    client, members, branch_admin
):
    round_ = round_at(Stage.SELF_REVIEW, actor=branch_admin)
    p = round_.participants.get(member=members[1])
    client.force_login(branch_admin)
    url = reverse("evaluation_admin:participation", args=[p.pk])
    response = client.post(
        url,
        {"action": "record", "mode": Mode.NONE, "absence_reason": "", "self_review": "纸质自评"},
    )
    assert response.status_code == 400
    assert "请填写原因" in response.content.decode() and "纸质自评" in response.content.decode()
    client.post(
        url,
        {"action": "record", "mode": Mode.PHONE, "absence_reason": "", "self_review": "纸质自评"},
    )
    p.refresh_from_db()
    assert (p.mode, p.self_review, p.self_review_source) == (Mode.PHONE, "纸质自评", "paper")


def test_another_branchs_member_is_a_404(client, members, branch_admin, other_branch):
    from tests.study.factories import MemberFactory

    stranger = MemberFactory(branch=other_branch)
    round_ = round_at(Stage.STUDY, actor=branch_admin)
    p = round_.participants.get(member=stranger)
    client.force_login(branch_admin)
    assert client.get(reverse("evaluation_admin:participation", args=[p.pk])).status_code == 404


def test_the_committee_grades_with_the_ballot_and_the_members_year_beside(
    client, members, branch_admin
):
    round_ = round_at(Stage.BALLOT, actor=branch_admin)
    voter = members[1]
    ballot.cast(round_, voter, {m.pk: "excellent" for m in members if m != voter})
    services.advance(round_, Stage.ASSESSMENT, community_runner())
    volunteer = VolunteerFactory(phone=members[0].phone)
    volunteer.records.create(
        source="manual",
        activity_name="敬老院探访",
        date=datetime.date(2025, 6, 1),
        place="敬老院",
        content="陪伴老人",
        hours=Decimal("3.5"),
        organiser="社区",
        person_in_charge="王",
        status="approved",
        decided_by=coordinator(),
        decided_at=timezone.now(),
    )
    p = round_.participants.get(member=members[0])
    client.force_login(branch_admin)
    url = reverse("evaluation_admin:participation", args=[p.pk])
    page = client.get(url).content.decode()
    assert "优秀 1 票" in page and "志愿服务时长（小时）" in page and "3.5" in page
    assert "学时 / 目标" in page
    client.post(url, {"action": "grade", "grade": Grade.QUALIFIED})
    assert Participation.objects.get(pk=p.pk).grade == Grade.QUALIFIED


def test_year_figures_come_from_study_meetings_and_volunteers_through_the_hook(members):
    keys = [f["key"] for f in figures_for(members[0], 2025)]
    # Not a volunteer: no volunteer hours.
    assert sorted(keys) == ["meetings_attended", "study_courses", "study_hours", "study_sessions"]


def test_paper_ballots_are_typed_on_the_paper_screen(client, members, branch, branch_admin):
    round_ = round_at(Stage.BALLOT, actor=branch_admin)
    ballot.hand_out_paper(round_, members[0], branch_admin)
    client.force_login(branch_admin)
    url = reverse("evaluation_admin:paper", args=[branch.pk]) + "?year=2025"
    everyone = {f"m{m.pk}": "qualified" for m in members}
    assert client.post(url, everyone).status_code == 302
    response = client.post(url, everyone)
    assert response.status_code == 400 and "已达到发出的纸质测评表数" in response.content.decode()
    assert Round.objects.get(pk=round_.pk).paper_ballots == 1
    assert "本支部发出纸质测评表 1 张，已录入 1 张" in client.get(url).content.decode()
    overview = client.get(reverse("evaluation_admin:overview") + "?year=2025").content.decode()
    assert "纸质测评票" in overview and "<td>1</td><td>1</td>" in overview
