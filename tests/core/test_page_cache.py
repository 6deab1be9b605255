import threading

import pytest
from django.db import connection, transaction
from django.test import Client, RequestFactory

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


def test_publishing_a_notice_purges_cached_pages(
    client, notice_index, django_capture_on_commit_callbacks
):
    client.get(notice_index.url)
    with django_capture_on_commit_callbacks(execute=True):
        NoticePageFactory(parent=notice_index, title="刚发布的通知").save_revision().publish()
    response = client.get(notice_index.url)
    assert response["X-Page-Cache"] == "miss"
    assert "刚发布的通知" in response.content.decode()


def test_unpublishing_purges_cached_pages(client, notice_index, django_capture_on_commit_callbacks):
    notice = NoticePageFactory(parent=notice_index, title="将撤下的通知")
    assert "将撤下的通知" in client.get(notice_index.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
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


def test_anonymous_pages_tell_a_frontend_cache_how_long_to_keep_them(
    client, notice_index, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get(notice_index.url)
    second = client.get(notice_index.url)
    for response in (first, second):
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"public", "max-age=0"} <= directives
        s_maxage = next(d for d in directives if d.startswith("s-maxage="))
        assert 0 < int(s_maxage.split("=")[1]) <= 300


def test_personal_pages_are_never_marked_public(client, notice_index):
    someone = UserFactory()
    client.force_login(someone)
    response = client.get("/accounts/me/")
    assert "public" not in response.get("Cache-Control", "")
    # A public page is the shared copy for members too (docs/member-speed.md),
    # so a frontend cache may hold it: nothing of the member is in it.
    shared = client.get(notice_index.url)
    assert "s-maxage" in shared["Cache-Control"]
    assert someone.phone not in shared.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_page_requested_while_a_change_is_being_published_is_not_kept_stale(client, notice_index):
    """The reviewer's approval publishes inside a transaction. A visitor who
    asks meanwhile reads the old rows; purging inside the transaction let
    that old page be stored under the new generation, stale for
    PAGE_CACHE_SECONDS after the commit."""
    notice = NoticePageFactory(parent=notice_index, title="旧的标题")
    url = notice.url
    assert "旧的标题" in client.get(url).content.decode()

    def visit_meanwhile():
        try:
            Client().get(url)
        finally:
            connection.close()

    with transaction.atomic():
        notice.title = "新的标题"
        notice.save_revision().publish()
        visitor = threading.Thread(target=visit_meanwhile)
        visitor.start()
        visitor.join()

    assert "新的标题" in client.get(url).content.decode()
