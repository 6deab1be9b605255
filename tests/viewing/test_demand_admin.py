"""点播需求 in the admin: the ranking by votes with its filters, 公开 / 不公开,
answering 计划安排 / 不安排 (a refusal needs a reason: the form keeps what was
typed, the database refuses it too), members refused on every screen, the
roles' grant, and the most wanted topics beside 学习计划总览."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail import hooks

from accounts import roles
from learning.courses.models import CourseCategory
from learning.viewing.models import RequestAnswer, RequestStatus, ViewingRequest
from learning.viewing.services import demand
from tests.accounts.factories import UserFactory
from tests.viewing.factories import ViewingRequestFactory, member_user

pytestmark = pytest.mark.django_db

INDEX = reverse("viewing_demand:index")


def _detail(item):
    return reverse("viewing_demand:detail", args=[item.pk])


@pytest.mark.parametrize("role", [roles.BRANCH_ADMINS, roles.COMMUNITY_STUDY_ADMINS])
def test_both_administrator_roles_may_answer_requests(role, db):
    assert UserFactory(roles=[role]).has_perm("viewing.answer_request")


def test_only_the_community_administrator_decides_whether_residents_may_ask(db):
    assert UserFactory(roles=[roles.COMMUNITY_STUDY_ADMINS]).has_perm(
        "viewing.change_demandsettings"
    )
    assert not UserFactory(roles=[roles.BRANCH_ADMINS]).has_perm("viewing.change_demandsettings")


def test_a_member_is_refused_on_every_demand_screen(client, home_page):
    item = ViewingRequestFactory(status="pending")
    member = member_user(is_staff=True)
    client.force_login(member)
    for url in (INDEX, _detail(item)):
        assert client.get(url).status_code in (302, 403)
    response = client.post(reverse("viewing_demand:moderate", args=[item.pk, "approve"]))
    assert response.status_code in (302, 403)
    response = client.post(_detail(item), {"answer": "declined", "reason": "不要"})
    assert response.status_code in (302, 403)
    item.refresh_from_db()
    assert item.status == RequestStatus.PENDING and item.answer == ""


def test_the_administrator_sees_demand_ranked_by_votes_and_by_category(client, branch_admin):
    first, second = CourseCategory.objects.order_by("sort_order", "pk")[:2]
    low = ViewingRequestFactory(title="一票", category=first)
    high = ViewingRequestFactory(title="三票", category=second)
    for _ in range(2):
        demand.vote(high, member_user())
    ViewingRequestFactory(title="新提出的", category=first, status="pending")
    client.force_login(branch_admin)
    page = client.get(INDEX).text
    assert page.index("三票") < page.index("一票") < page.index("新提出的")
    filtered = client.get(INDEX, {"category": first.pk}).text
    assert "一票" in filtered and "三票" not in filtered
    waiting = client.get(INDEX, {"state": "pending"}).text
    assert "新提出的" in waiting and "一票" not in waiting
    assert low.pk  # listed above


def test_the_administrator_makes_a_request_public_or_hides_it(client, branch_admin):
    item = ViewingRequestFactory(status="pending")
    client.force_login(branch_admin)
    assert "公开" in client.get(_detail(item)).text
    client.post(reverse("viewing_demand:moderate", args=[item.pk, "approve"]))
    item.refresh_from_db()
    assert item.status == RequestStatus.APPROVED
    client.post(reverse("viewing_demand:moderate", args=[item.pk, "reject"]))
    item.refresh_from_db()
    assert item.status == RequestStatus.REJECTED
    assert not ViewingRequest.objects.public().exists()


def test_planning_a_request_names_the_session_that_fulfils_it(client, branch_admin, session):
    item = ViewingRequestFactory()
    client.force_login(branch_admin)
    response = client.post(_detail(item), {"answer": "planned", "session": session.pk})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.answer, item.session_id, item.decided_by) == (
        RequestAnswer.PLANNED,
        session.pk,
        branch_admin,
    )
    assert item.decided_at is not None
    assert session.title in client.get(_detail(item)).text


def test_planning_needs_a_session_or_a_course_and_declining_a_reason(client, branch_admin):
    item = ViewingRequestFactory()
    client.force_login(branch_admin)
    response = client.post(_detail(item), {"answer": "planned", "reason": "我写的备注"})
    assert response.status_code == 400 and "请选择安排的学习会或课程" in response.text
    assert "我写的备注" in response.text  # what was typed stays
    response = client.post(_detail(item), {"answer": "declined", "reason": "   "})
    assert response.status_code == 400 and "请填写不安排的原因" in response.text
    assert re.search(r'value="declined"[^>]*checked', response.text)
    item.refresh_from_db()
    assert item.answer == "" and item.decided_by is None
    response = client.post(_detail(item), {"answer": "declined", "reason": "节目版权不允许"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.answer, item.decision_reason) == (RequestAnswer.DECLINED, "节目版权不允许")


def test_a_second_answer_is_refused_with_the_form_kept(client, branch_admin):
    item = ViewingRequestFactory()
    demand.decline(item, branch_admin, "已经播过")
    client.force_login(branch_admin)
    response = client.post(_detail(item), {"answer": "declined", "reason": "再说一次"})
    assert response.status_code in (200, 400)
    item.refresh_from_db()
    assert item.decision_reason == "已经播过"


def test_the_database_refuses_a_refusal_without_a_reason(home_page):
    item = ViewingRequestFactory()
    item.answer = RequestAnswer.DECLINED
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_a_pending_request_cannot_be_answered(home_page, branch_admin):
    item = ViewingRequestFactory(status="pending")
    with pytest.raises(demand.ViewingError, match="先公开"):
        demand.decline(item, branch_admin, "不合适")


def test_the_most_wanted_topics_show_beside_the_study_plan(client, branch_admin):
    wanted = ViewingRequestFactory(title="最想看的节目")
    for _ in range(2):
        demand.vote(wanted, member_user())
    ViewingRequestFactory(title="没公开的", status="pending")
    answered = ViewingRequestFactory(title="已答复的")
    demand.decline(answered, branch_admin, "不合适")
    client.force_login(branch_admin)
    page = client.get(reverse("study_admin:plan")).text
    assert "群众点播需求" in page and "最想看的节目" in page and "3 票" in page
    assert "没公开的" not in page and "已答复的" not in page
    assert _detail(wanted) in page


def test_the_plan_screen_shows_what_any_app_registers_beside_it(client, branch_admin):
    def aside(request, year):
        return {"template": "viewing/demand/admin/plan_aside.html", "order": 1, "requests": []}

    client.force_login(branch_admin)
    with hooks.register_temporarily("register_study_plan_aside", aside):
        page = client.get(reverse("study_admin:plan")).text
    assert page.count("群众点播需求") == 2  # ours and the one registered here


def test_the_most_wanted_topics_show_on_the_study_plan_form_too(client, branch_admin, branch):
    from tests.study.factories import StudyPlanFactory

    ViewingRequestFactory(title="最想看的节目")
    plan = StudyPlanFactory(branch=branch)
    client.force_login(branch_admin)
    for url in (reverse("study_plan:add"), reverse("study_plan:edit", args=[plan.pk])):
        page = client.get(url).text
        assert "群众点播需求" in page and "最想看的节目" in page, url
