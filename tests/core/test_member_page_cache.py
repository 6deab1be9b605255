"""Logged-in members get public pages from the shared page cache, and what
is theirs from small uncached requests (core/page_cache.py,
core/js/personal.js): nobody ever sees another person's data, a message set
before a redirect is shown, editors get Wagtail's user bar, publishing purges
for everyone."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts import roles
from core import page_cache
from events import services
from learning.courses import services as courses
from tests.accounts.factories import UserFactory
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.events.factories import EventIndexPageFactory, make_event
from tests.home.factories import NoticePageFactory

pytestmark = pytest.mark.django_db


def member(**fields):
    client = Client()
    user = UserFactory(**fields)
    client.force_login(user)
    return client, user


def personal(client, page=None):
    url = reverse("accounts:personal") + (f"?page={page.pk}" if page else "")
    return client.get(url)


@pytest.fixture
def event(home_page):
    return make_event(EventIndexPageFactory(parent=home_page), title="社区大讲堂")


def test_members_get_the_event_page_an_anonymous_visitor_cached_and_only_their_own_registration(
    client, event
):
    anonymous = client.get(event.url)
    assert anonymous["X-Page-Cache"] == "miss"
    first, first_user = member(real_name="张三")
    second, _second_user = member(real_name="李四")
    services.register(event.occurrences.get(), user=first_user, name="张三", phone=first_user.phone)

    for someone in (first, second):
        response = someone.get(event.url)
        assert response["X-Page-Cache"] == "hit"
        assert response.content == anonymous.content
    status_url = reverse("events:event_status", args=[event.pk])
    assert "您已报名" in first.get(status_url).text
    assert "您已报名" not in second.get(status_url).text
    mine = {"authenticated": True, "name": "张三", "userbar": None, "parts": {}}
    assert personal(first).json() == mine
    assert personal(second).json()["name"] == "李四"
    assert personal(client).json() == {"authenticated": False, "parts": {}}


def test_each_member_resumes_their_own_course_on_a_page_an_anonymous_visitor_cached(
    client, home_page
):
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=home_page))
    client.get(course.url)
    first, first_user = member()
    second, second_user = member()
    courses.record_progress(first_user, course, position=120, segments=[[0, 20]])
    courses.record_progress(second_user, course, position=30, segments=[[0, 20]])
    progress_url = reverse("courses:progress", args=[course.pk])
    assert first.get(course.url)["X-Page-Cache"] == "hit"
    assert first.get(progress_url).json()["position"] == 120
    assert second.get(course.url)["X-Page-Cache"] == "hit"
    assert second.get(progress_url).json()["position"] == 30


def test_a_message_set_before_a_redirect_is_shown_on_the_cached_page_and_kept_for_nobody(event):
    someone, user = member()
    assert someone.get(event.url)["X-Page-Cache"] == "miss"
    occurrence = event.occurrences.get()
    services.register(occurrence, user=user, name="张三", phone=user.phone)
    register_url = reverse("events:register", args=[occurrence.pk])
    assert someone.get(register_url).status_code == 302  # 您已经报名了这一场活动。, then a redirect
    shown = someone.get(event.url)
    assert "您已经报名了这一场活动。" in shown.text and "X-Page-Cache" not in shown
    again = someone.get(event.url)
    assert again["X-Page-Cache"] == "hit" and "您已经报名了这一场活动。" not in again.text


def test_an_editor_gets_wagtails_user_bar_from_the_personal_request_never_in_the_cached_page(
    notice_index,
):
    notice = NoticePageFactory(parent=notice_index, title="停水通知")
    other = NoticePageFactory(parent=notice_index, title="停电通知")
    editor, _user = member(roles=[roles.EDITORS])
    page = editor.get(notice.url)
    assert page["X-Page-Cache"] == "miss"
    assert "wagtail-userbar" not in page.text and "csrfmiddlewaretoken" not in page.text

    userbar = personal(editor, notice).json()["userbar"]
    # Wagtail's own user bar for that page: its template, element and
    # scripts, and the items it shows an editor (here in the editor's admin
    # language, Chinese).
    assert '<template id="wagtail-userbar-template">' in userbar
    assert "<wagtail-userbar></wagtail-userbar>" in userbar
    assert f'href="//testserver/admin/pages/{notice.pk}/edit/"' in userbar
    assert f"/admin/pages/{other.pk}/edit/" not in userbar
    assert "编辑此页" in userbar and 'id="checker-axe-configuration"' in userbar
    assert "/static/wagtailadmin/js/userbar.js" in userbar

    plain, _plain_user = member()
    assert plain.get(notice.url)["X-Page-Cache"] == "hit"
    assert personal(plain, notice).json()["userbar"] is None
    assert personal(Client(), notice).json() == {"authenticated": False, "parts": {}}
    assert personal(editor).json()["userbar"] is None


def test_publishing_purges_the_cached_page_for_members_too(
    notice_index, django_capture_on_commit_callbacks
):
    someone, _user = member()
    someone.get(notice_index.url)
    assert someone.get(notice_index.url)["X-Page-Cache"] == "hit"
    # The purge runs when the publishing transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        NoticePageFactory(parent=notice_index, title="刚发布的通知").save_revision().publish()
    response = someone.get(notice_index.url)
    assert response["X-Page-Cache"] == "miss" and "刚发布的通知" in response.text


def test_personal_pages_stay_private_and_uncached_for_members():
    someone, _user = member()
    for url in (reverse("accounts:me"), reverse("accounts:personal"), reverse("events:mine")):
        response = someone.get(url)
        assert "private" in response["Cache-Control"] and "X-Page-Cache" not in response


def test_a_member_render_that_read_the_session_is_not_stored():
    from django.contrib.sessions.backends.cache import SessionStore
    from django.http import HttpResponse

    request = RequestFactory().get("/notices/")
    request.COOKIES["sessionid"] = "x"
    request.session = SessionStore()
    response = HttpResponse("页面")
    response.anonymous_page_cache = True
    assert page_cache._response_is_cacheable(request, response)
    request.session.get("_auth_user_id")  # what request.user does
    assert not page_cache._response_is_cacheable(request, response)
