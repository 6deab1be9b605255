import pytest
from django.test import RequestFactory

from core import page_cache
from tests.accounts.factories import UserFactory
from tests.home.factories import NoticePageFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_get_the_page_from_the_cache_on_the_second_visit(client, notice_index):
    first = client.get(notice_index.url)
    second = client.get(notice_index.url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert first.content == second.content


def test_publishing_a_notice_purges_cached_pages(client, notice_index):
    client.get(notice_index.url)
    NoticePageFactory(parent=notice_index, title="刚发布的通知").save_revision().publish()
    response = client.get(notice_index.url)
    assert response["X-Page-Cache"] == "miss"
    assert "刚发布的通知" in response.content.decode()


def test_unpublishing_purges_cached_pages(client, notice_index):
    notice = NoticePageFactory(parent=notice_index, title="将撤下的通知")
    assert "将撤下的通知" in client.get(notice_index.url).content.decode()
    notice.unpublish()
    assert "将撤下的通知" not in client.get(notice_index.url).content.decode()


def test_logged_in_members_share_the_cached_page_with_anonymous_visitors(client, notice_index):
    anonymous = client.get(notice_index.url)
    client.force_login(UserFactory())
    member = client.get(notice_index.url)
    assert member["X-Page-Cache"] == "hit" and member.content == anonymous.content


def test_search_results_are_not_cached(client, home_page):
    client.get("/search/", {"q": "测试"})
    assert "X-Page-Cache" not in client.get("/search/", {"q": "测试"})


def test_a_response_that_used_a_csrf_token_is_not_stored():
    request = RequestFactory().get("/events/1/")
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    from django.http import HttpResponse

    response = HttpResponse("form")
    response.anonymous_page_cache = True
    assert not page_cache._response_is_cacheable(request, response)


def test_a_request_with_a_message_or_another_cookie_bypasses_the_cache():
    factory = RequestFactory()
    plain = factory.get("/")
    with_session = factory.get("/")
    with_session.COOKIES["sessionid"] = "x"
    with_other = factory.get("/")
    with_other.COOKIES["tracking"] = "x"
    shown_messages = factory.get("/")
    shown_messages.COOKIES["messages"] = ""  # emptied once shown
    with_messages = factory.get("/")
    with_messages.COOKIES["messages"] = "x"
    with_csrf = factory.get("/")
    with_csrf.COOKIES["csrftoken"] = "x"
    assert page_cache._request_is_cacheable(plain)
    assert page_cache._request_is_cacheable(with_csrf)
    assert page_cache._request_is_cacheable(with_session)
    assert page_cache._request_is_cacheable(shown_messages)
    assert not page_cache._request_is_cacheable(with_other)
    assert not page_cache._request_is_cacheable(with_messages)
