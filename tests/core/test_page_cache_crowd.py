"""A crowd on a missing page makes one render, not one per visitor: 30
simultaneous requests (real threads, a real redis-server shared by them, as
by the app servers) after a purge or on an empty cache. When Redis is out,
everyone renders and nobody waits for a lock that cannot be taken."""

import threading

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from core import page_cache
from tests.core.redis_server import NO_REDIS, REDIS_SERVER

pytestmark = pytest.mark.skipif(REDIS_SERVER is None, reason=NO_REDIS)
CROWD = 30


class CountingView:
    """A page that takes a while to render and counts its renders."""

    def __init__(self):
        self.renders = 0
        self.version = "旧版本"
        self.lock = threading.Lock()
        self.rendering = threading.Event()

    def __call__(self, request):
        with self.lock:
            self.renders += 1
        self.rendering.set()
        # Long enough for the whole crowd to arrive while it renders (a
        # render per visitor would show here), not a timing assertion.
        threading.Event().wait(0.5)
        response = HttpResponse(f"<p>{self.version}</p>")
        response.anonymous_page_cache = True
        return response


def _crowd(middleware, path="/notices/"):
    """CROWD simultaneous GETs; their responses."""
    start = threading.Barrier(CROWD)
    responses = [None] * CROWD

    def visit(number):
        start.wait()
        responses[number] = middleware(RequestFactory().get(path))

    threads = [threading.Thread(target=visit, args=(n,)) for n in range(CROWD)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert all(response is not None for response in responses), "a visitor hung"
    return responses


@pytest.fixture
def page(redis, settings):
    settings.PAGE_CACHE_SECONDS = 300
    view = CountingView()
    return view, page_cache.AnonymousPageCacheMiddleware(view)


def test_a_crowd_on_an_empty_cache_renders_the_page_once(page):
    view, middleware = page
    responses = _crowd(middleware)
    assert view.renders == 1
    assert {response.content.decode() for response in responses} == {"<p>旧版本</p>"}
    assert all(response.status_code == 200 for response in responses)


@pytest.mark.django_db
def test_a_crowd_after_a_purge_renders_once_and_meanwhile_gets_the_previous_copy(
    page, django_capture_on_commit_callbacks
):
    view, middleware = page
    middleware(RequestFactory().get("/notices/"))
    with django_capture_on_commit_callbacks(execute=True):
        page_cache.purge_tags(page_cache.path_tag("/notices/"))
    view.renders, view.version = 0, "新版本"

    responses = _crowd(middleware)
    assert view.renders == 1
    labels = [response["X-Page-Cache"] for response in responses]
    assert labels.count("miss") == 1 and set(labels) <= {"miss", "stale", "hit"}
    for response in responses:
        if response["X-Page-Cache"] == "stale":
            assert "s-maxage=0" in response["Cache-Control"]  # no frontend cache keeps it
    fresh = middleware(RequestFactory().get("/notices/"))
    assert (fresh["X-Page-Cache"], fresh.content.decode()) == ("hit", "<p>新版本</p>")


def test_a_crowd_waits_no_longer_than_the_lock_when_the_renderer_stores_nothing(page, settings):
    """The first visitor's render cannot be kept (it set a cookie): the others
    take their turn at the lock or render after PAGE_CACHE_LOCK_SECONDS."""
    settings.PAGE_CACHE_LOCK_SECONDS = 2
    view, _ = page

    def uncacheable(request):
        response = view(request)
        response.set_cookie("x", "y")
        return response

    responses = _crowd(page_cache.AnonymousPageCacheMiddleware(uncacheable))
    assert all(response.status_code == 200 for response in responses)
    assert view.renders == CROWD


def test_with_redis_stopped_everyone_renders_and_nobody_hangs(page, redis):
    view, middleware = page
    redis.stop()
    responses = _crowd(middleware)
    assert view.renders == CROWD
    assert all(response.status_code == 200 for response in responses)
    assert cache.add("any", 1) is None  # what tells the middleware the cache is out
