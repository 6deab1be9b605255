"""我的数据: the member's evaluation records come out in the download;
deleting the account erases the self-review typed online and keeps the
branch's record (the mode of taking part)."""

import pytest

from accounts import personal_data
from learning.evaluation import ballot, services
from learning.evaluation.models import Participation, Stage
from tests.evaluation.factories import community_runner, round_at

pytestmark = pytest.mark.django_db


def test_the_download_has_the_self_review_and_the_account_deletion_erases_it(members, branch_admin):
    round_ = round_at(Stage.SELF_REVIEW, actor=branch_admin)
    mine = round_.participants.get(member=members[0])
    services.write_self_review(mine, "我的在线自评", members[0].user, by_member=True)
    services.advance(round_, Stage.BALLOT, community_runner())
    ballot.cast(round_, members[0], {m.pk: "qualified" for m in members[1:]})
    data = personal_data.export(members[0].user)["evaluation"]
    assert data[0]["self_review"] == "我的在线自评" and data[0]["voted"] is True
    personal_data.erase_account(members[0].user, members[0].user)
    assert "我的在线自评" not in Participation.objects.get(pk=mine.pk).self_review
    assert Participation.objects.get(pk=mine.pk).mode == "meeting"
