"""点播需求 for members: asking (moderated before anyone sees it), voting once,
withdrawing, the ranking with its category filter, who may take part, and
我的点播需求 with the answer and its e-mail."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import Site

from core.models import OutgoingMessage
from learning.courses.models import CourseCategory
from learning.viewing.errors import ViewingError
from learning.viewing.models import DemandSettings, RequestStatus, ViewingRequest, Vote
from learning.viewing.services import demand
from tests.accounts.factories import UserFactory
from tests.viewing.factories import ViewingRequestFactory, first_category, member_user

pytestmark = pytest.mark.django_db

LIST = reverse("viewing:demand")
NEW = reverse("viewing:demand_new")
MINE = reverse("viewing:demand_mine")


def _vote_url(item):
    return reverse("viewing:demand_vote", args=[item.pk])


@pytest.fixture
def member(home_page):
    return member_user(real_name="王建华")


def _ask(client, **data):
    values = {"category": first_category().pk, "title": "垃圾分类怎么做", "description": ""}
    values.update(data)
    return client.post(NEW, values)


def test_a_members_request_is_seen_by_others_only_once_made_public(client, member, community_admin):
    client.force_login(member)
    response = _ask(client, title="  垃圾分类\n  怎么做 ", description="小区刚开始分类。")
    assert response.status_code == 302 and response.url == MINE
    item = ViewingRequest.objects.get()
    assert item.title == "垃圾分类 怎么做"  # clean_text: one line, trimmed
    assert item.status == RequestStatus.PENDING
    assert list(item.votes.values_list("user", flat=True)) == [member.pk]  # the asker's vote

    other = member_user()
    client.force_login(other)
    assert "垃圾分类 怎么做" not in client.get(LIST).text
    demand.moderate(item, False, community_admin)
    assert "垃圾分类 怎么做" not in client.get(LIST).text  # 不公开: still not shown
    demand.moderate(item, True, community_admin)
    assert "垃圾分类 怎么做" in client.get(LIST).text


def test_a_member_votes_once_however_often_the_button_is_pressed(client, home_page):
    item = ViewingRequestFactory()
    voter = member_user()
    client.force_login(voter)
    first = client.post(_vote_url(item), {"next": LIST})
    second = client.post(_vote_url(item), {"next": LIST})
    assert first.status_code == second.status_code == 302
    assert Vote.objects.filter(request=item).count() == 2  # the asker's and this one
    assert "已经为这条需求投过票" in client.get(LIST).text
    assert ViewingRequest.objects.public().get().vote_count == 2


def test_the_database_refuses_a_second_vote_of_the_same_person(home_page):
    item = ViewingRequestFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(request=item, user=item.asked_by)


def test_a_vote_can_be_withdrawn_but_not_the_askers_own(client, home_page):
    item = ViewingRequestFactory()
    voter = member_user()
    demand.vote(item, voter)
    client.force_login(voter)
    page = client.get(LIST).text
    assert "撤回投票" in page
    client.post(reverse("viewing:demand_withdraw", args=[item.pk]), {"next": LIST})
    assert not Vote.objects.filter(request=item, user=voter).exists()
    with pytest.raises(ViewingError, match="不能撤回"):
        demand.withdraw_vote(item, item.asked_by)
    assert Vote.objects.filter(request=item, user=item.asked_by).exists()


def test_requests_are_ranked_by_votes_filtered_by_category_and_paginated(client, home_page):
    categories = list(CourseCategory.objects.order_by("sort_order", "pk")[:2])
    few = ViewingRequestFactory(title="两票的需求", category=categories[0])
    many = ViewingRequestFactory(title="四票的需求", category=categories[0])
    other = ViewingRequestFactory(title="另一分类三票", category=categories[1])
    for _ in range(3):
        demand.vote(many, member_user())
    demand.vote(few, member_user())
    for _ in range(2):
        demand.vote(other, member_user())
    client.force_login(member_user())
    page = client.get(LIST).text
    assert page.index("四票的需求") < page.index("另一分类三票") < page.index("两票的需求")
    filtered = client.get(LIST, {"category": categories[1].pk}).text
    assert "另一分类三票" in filtered and "四票的需求" not in filtered
    ViewingRequestFactory.create_batch(20, category=categories[0])
    first = client.get(LIST).context["page_obj"]
    assert len(first.object_list) == 20 and first.paginator.num_pages == 2
    assert first.object_list[0].title == "四票的需求"


def test_a_member_may_have_only_a_few_requests_waiting_and_the_form_keeps_what_was_typed(
    client, member
):
    client.force_login(member)
    for n in range(demand.PENDING_LIMIT):
        _ask(client, title=f"需求 {n}")
    response = _ask(client, title="第四条需求", description="我写的说明")
    assert response.status_code == 400
    assert "等待审核" in response.text
    assert 'value="第四条需求"' in response.text and "我写的说明" in response.text
    assert ViewingRequest.objects.count() == demand.PENDING_LIMIT


def test_a_too_long_or_empty_title_is_refused_with_the_input_kept(client, member):
    client.force_login(member)
    response = _ask(client, title="长" * 41, description="说明还在")
    assert response.status_code == 400 and "说明还在" in response.text
    response = _ask(client, title="   ")
    assert response.status_code == 400 and "请写下想看的内容" in response.text
    assert not ViewingRequest.objects.exists()


def test_residents_take_part_only_when_the_community_allows_it(client, home_page):
    resident = UserFactory()
    item = ViewingRequestFactory()
    client.force_login(resident)
    assert client.get(LIST).status_code == 403
    assert client.get(NEW).status_code == 403
    client.post(_vote_url(item), {"next": LIST})
    assert not Vote.objects.filter(user=resident).exists()
    assert "我的点播需求" not in client.get(reverse("accounts:me")).text

    settings = DemandSettings.for_site(Site.objects.get(is_default_site=True))
    settings.allow_residents = True
    settings.save()
    assert client.get(LIST).status_code == 200
    client.post(_vote_url(item), {"next": LIST})
    assert Vote.objects.filter(user=resident).exists()
    assert _ask(client, title="老年人防诈骗").status_code == 302
    assert "我的点播需求" in client.get(reverse("accounts:me")).text


def test_visitors_are_sent_to_log_in(client, home_page):
    response = client.get(LIST)
    assert response.status_code == 302 and "login" in response.url
    assert "private" in response["Cache-Control"]


def test_the_asker_sees_what_became_of_each_request_and_is_told_by_mail(
    client,
    home_page,
    community_admin,
    event_index,
    branch,
    members,
    session,
    django_capture_on_commit_callbacks,
):
    from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory

    asker = member_user(email="wang@example.com")
    planned = ViewingRequestFactory(title="冬季防火知识", asked_by=asker)
    declined = ViewingRequestFactory(title="外语入门", asked_by=asker)
    waiting = ViewingRequestFactory(title="还在等的需求", asked_by=asker, status="pending")
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page), title="防火课")
    with django_capture_on_commit_callbacks(execute=True):
        demand.plan(planned, community_admin, session=session, course=course)
        assert not OutgoingMessage.objects.exists()  # only after commit
    with django_capture_on_commit_callbacks(execute=True):
        demand.decline(declined, community_admin, "远教站点暂时没有这类节目。")
    messages = OutgoingMessage.objects.filter(to="wang@example.com").order_by("pk")
    assert [m.subject for m in messages] == [
        "您的点播需求有了答复：冬季防火知识",
        "您的点播需求有了答复：外语入门",
    ]
    assert session.title in messages[0].body and "防火课" in messages[0].body
    assert "远教站点暂时没有这类节目" in messages[1].body

    client.force_login(asker)
    page = client.get(MINE).text
    assert "计划安排" in page and session.title in page and "防火课" in page
    assert "不安排：</strong>远教站点暂时没有这类节目。" in page
    assert waiting.title in page and "等待远教管理员审核" in page
    assert "我的点播需求" in client.get(reverse("accounts:me")).text


def test_an_asker_without_an_address_gets_no_mail(
    home_page, community_admin, django_capture_on_commit_callbacks
):
    item = ViewingRequestFactory(asked_by=member_user(email=""))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        demand.decline(item, community_admin, "不合适")
    assert callbacks
    assert not OutgoingMessage.objects.exists()


def test_my_data_exports_the_requests_and_votes_and_erasure_keeps_only_voted_topics(home_page):
    from accounts.personal_data import erase_account
    from learning.viewing import personal_data_demand

    person = member_user()
    voted_by_others = ViewingRequestFactory(title="大家都想看", asked_by=person)
    demand.vote(voted_by_others, member_user())
    alone = ViewingRequestFactory(title="只有我想看", asked_by=person, description="我的说明")
    someone_elses = ViewingRequestFactory(title="别人的需求")
    demand.vote(someone_elses, person)
    exported = personal_data_demand.export(person)
    assert {r["title"] for r in exported["requests"]} == {"大家都想看", "只有我想看"}
    assert [v["request"] for v in exported["votes"] if v["request"] == "别人的需求"]

    erase_account(person, person)
    assert not ViewingRequest.objects.filter(pk=alone.pk).exists()
    kept = ViewingRequest.objects.get(pk=voted_by_others.pk)
    assert (kept.asked_by, kept.description, kept.votes.count()) == (None, "", 1)
    assert ViewingRequest.objects.public().get(pk=someone_elses.pk).vote_count == 1


def test_the_list_costs_the_same_queries_with_few_or_many_requests(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    voter = member_user()
    client.force_login(voter)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    for _ in range(2):
        demand.vote(ViewingRequestFactory(), voter)
    few = count()
    for _ in range(18):
        demand.vote(ViewingRequestFactory(), voter)
    assert count() == few  # 9 on PostgreSQL (2026-12-03)
