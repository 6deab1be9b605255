"""A change purges what shows it, not every page of the site, in the page
cache and in a frontend cache (nginx, Varnish) reached by HTTP PURGE."""

import http.server
import threading

import pytest
import wagtail_factories

from config.settings.caches import frontend_caches
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.events.factories import EventIndexPageFactory, days_from_now, make_event
from tests.home.factories import NoticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page, notice_index):
    courses = CourseIndexPageFactory(parent=home_page)
    return {
        "home": home_page,
        "notices": notice_index,
        "notice": NoticePageFactory(parent=notice_index, title="另一条通知"),
        "course": CoursePageFactory(parent=courses, title="无关的课程"),
        "events": EventIndexPageFactory(parent=home_page),
    }


def _visit(client, *urls):
    for url in urls:
        assert client.get(url).status_code == 200


def _state(client, url):
    return client.get(url)["X-Page-Cache"]


def test_publishing_a_notice_re_renders_its_list_and_home_and_leaves_a_course_cached(
    client, pages, django_capture_on_commit_callbacks
):
    notices = pages["notices"].url
    _visit(client, "/", notices, f"{notices}?page=2", f"{notices}feed/", pages["course"].url)
    _visit(client, pages["notice"].url)

    with django_capture_on_commit_callbacks(execute=True):
        NoticePageFactory(parent=pages["notices"], title="新通知甲").save_revision().publish()

    home = client.get("/")
    assert home["X-Page-Cache"] == "miss" and "新通知甲" in home.content.decode()
    listing = client.get(notices)
    assert listing["X-Page-Cache"] == "miss" and "新通知甲" in listing.content.decode()
    assert _state(client, f"{notices}?page=2") == "miss"
    assert "新通知甲" in client.get(f"{notices}feed/").content.decode()
    assert _state(client, pages["course"].url) == "hit"  # unrelated: still cached
    assert _state(client, pages["notice"].url) == "hit"  # another notice's own page too


def test_deleting_a_notice_takes_it_off_its_list_and_leaves_the_rest(
    client, pages, django_capture_on_commit_callbacks
):
    doomed = NoticePageFactory(parent=pages["notices"], title="将删除的通知")
    _visit(client, pages["notices"].url, pages["course"].url, doomed.url)
    url = doomed.url

    with django_capture_on_commit_callbacks(execute=True):
        doomed.delete()

    assert "将删除的通知" not in client.get(pages["notices"].url).content.decode()
    assert client.get(url).status_code == 404
    assert _state(client, pages["course"].url) == "hit"


def test_publishing_an_event_purges_the_events_section_and_home_not_the_notices(
    client, pages, django_capture_on_commit_callbacks
):
    events = pages["events"].url
    month = days_from_now(3).strftime("%Y-%m")
    _visit(client, "/", events, f"{events}calendar/?month={month}", pages["notices"].url)

    with django_capture_on_commit_callbacks(execute=True):
        make_event(pages["events"], title="新活动乙", start=days_from_now(3))

    assert "新活动乙" in client.get(events).content.decode()
    assert "新活动乙" in client.get(f"{events}calendar/?month={month}").content.decode()
    assert "新活动乙" in client.get("/").content.decode()
    assert _state(client, pages["notices"].url) == "hit"


def test_what_cannot_be_named_still_clears_every_page(
    client, pages, django_capture_on_commit_callbacks
):
    _visit(client, pages["course"].url)
    with django_capture_on_commit_callbacks(execute=True):
        wagtail_factories.ImageFactory()  # images may be on any page
    assert _state(client, pages["course"].url) == "miss"


class PurgeRecorder(http.server.ThreadingHTTPServer):
    """A frontend cache stand-in on 127.0.0.1 that records PURGE requests."""

    def __init__(self):
        self.purged = []
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PURGE(self):
                recorder.purged.append((self.headers["Host"], self.path))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


@pytest.fixture
def frontend(settings):
    server = PurgeRecorder()
    settings.WAGTAILFRONTENDCACHE = frontend_caches([f"http://127.0.0.1:{server.server_port}"])
    yield server
    server.shutdown()
    server.server_close()


def test_a_frontend_cache_is_sent_purges_of_the_notice_its_list_its_feed_and_home(
    pages, frontend, django_capture_on_commit_callbacks
):
    notice = NoticePageFactory(parent=pages["notices"], title="新通知丙")
    frontend.purged.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notice.save_revision().publish()
        assert frontend.purged == []  # nothing before the commit

    assert callbacks
    paths = {path for _host, path in frontend.purged}
    notices = pages["notices"].url
    assert {notice.url, notices, f"{notices}feed/", "/"} <= paths
    assert pages["course"].url not in paths
    assert {host for host, _path in frontend.purged} == {"localhost"}  # the Site's host name


def test_a_whole_clear_purges_every_live_page_from_the_frontend_cache(
    pages, frontend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        wagtail_factories.ImageFactory()
    paths = {path for _host, path in frontend.purged}
    assert {"/", pages["notices"].url, pages["notice"].url, pages["course"].url} <= paths


def test_no_frontend_cache_is_configured_by_default(settings):
    assert not settings.WAGTAILFRONTENDCACHE


def test_a_burst_of_whole_clears_queues_one_site_wide_frontend_purge(
    pages, frontend, task_queue, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            wagtail_factories.ImageFactory()
    queued = DBTaskResult.objects.filter(task_path__endswith="purge_live_pages_from_frontend")
    assert queued.count() == 1
    task_queue()
    assert pages["course"].url in {path for _host, path in frontend.purged}
    frontend.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wagtail_factories.ImageFactory()  # after the run: a new one
    assert queued.count() == 2
