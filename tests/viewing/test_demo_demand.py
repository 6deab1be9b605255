"""The demo's 点播需求: public requests with votes, one planned for the coming
study session, one declined with its reason; loading twice changes nothing."""

import io

import pytest

from learning.viewing import demo_demand
from learning.viewing.models import RequestAnswer, ViewingRequest, Vote

pytestmark = pytest.mark.django_db


def test_the_demo_requests_are_ranked_planned_declined_and_loaded_once(home_page, session):
    demo_demand.load(home_page, io.StringIO())
    public = list(ViewingRequest.objects.public())
    assert [r.vote_count for r in public] == sorted((r.vote_count for r in public), reverse=True)
    assert public[0].title == "垃圾分类怎么做" and public[0].vote_count == 5
    planned = ViewingRequest.objects.get(answer=RequestAnswer.PLANNED)
    assert planned.session_id == session.pk
    declined = ViewingRequest.objects.get(answer=RequestAnswer.DECLINED)
    assert declined.decision_reason
    assert ViewingRequest.objects.filter(status="pending").count() == 1
    counts = (ViewingRequest.objects.count(), Vote.objects.count())
    demo_demand.load(home_page, io.StringIO())
    assert (ViewingRequest.objects.count(), Vote.objects.count()) == counts
