"""The figures of the community's own 民主评议 report: 121 members, 56 at
the meeting, 23 at home, 38 by phone (3 流动党员 among them), 4 not taking part; 18 优秀, 99 合格 → 117 of 121, 96.7 %;
on screen, in print and in Excel (read back with openpyxl)."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from learning.evaluation import figures
from learning.evaluation.models import Grade, Mode, Participation, Stage
from tests.evaluation.factories import round_at
from tests.study.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_round(branch, community_admin):
    MemberFactory.create_batch(121, branch=branch)
    round_ = round_at(Stage.ASSESSMENT, actor=community_admin)
    people = list(round_.participants.order_by("pk"))
    plan = [(Mode.MEETING, 56), (Mode.HOME, 23), (Mode.PHONE, 38), (Mode.NONE, 4)]
    start = 0
    for mode, n in plan:
        ids = [p.pk for p in people[start : start + n]]
        Participation.objects.filter(pk__in=ids).update(
            mode=mode, absence_reason="长期卧床" if mode == Mode.NONE else ""
        )
        start += n
    # 3 流动党员 among those reached by phone
    Participation.objects.filter(pk__in=[p.pk for p in people[79:82]]).update(away=True)
    taking = [p.pk for p in people[:117]]
    Participation.objects.filter(pk__in=taking[:18]).update(grade=Grade.EXCELLENT)
    Participation.objects.filter(pk__in=taking[18:]).update(grade=Grade.QUALIFIED)
    return round_


def test_the_report_round_gives_117_of_121_and_96_7_percent(report_round):
    found = figures.figures(report_round)
    assert (found.members, found.taking_part, found.not_taking_part) == (121, 117, 4)
    assert found.rate == Decimal("96.7")
    assert dict(found.mode_rows()) == {
        "会议": 56,
        "送评议表上门": 23,
        "电话": 38,
        "其中流动党员": 3,
        "未参加": 4,
    }
    assert dict(found.grade_rows()) == {"优秀": 18, "合格": 99, "基本合格": 0, "不合格": 0}
    assert len(found.excellent) == 18
    assert "参加这次民主评议党员117人，占总数96.7%" in found.sentence()


def test_the_figures_show_on_screen_in_print_and_in_excel(client, community_admin, report_round):
    client.force_login(community_admin)
    page = client.get(reverse("evaluation_admin:overview") + "?year=2025").content.decode()
    assert "参加这次民主评议党员117人，占总数96.7%" in page
    printed = client.get(reverse("evaluation_admin:print", args=[2025])).content.decode()
    assert "参加这次民主评议党员117人，占总数96.7%" in printed
    assert "roll-sheet.css" in printed  # the print stylesheet
    response = client.get(reverse("evaluation_admin:export", args=[2025]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
    assert values["参加评议"] == 117 and values["未参加评议"] == 4
    assert values["电话"] == 38 and values["其中流动党员"] == 3
    assert values["参加率（%）"] == "96.7" and values["优秀"] == 18 and values["合格"] == 99
    excellent = report_round.participants.filter(grade=Grade.EXCELLENT).first().member.name
    assert excellent in values
    # The names of those rated 优秀, with their branch in print.
    assert excellent in page and f"{excellent}（第一党支部）" in printed
