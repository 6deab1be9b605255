"""Benchmark: logged-in members against anonymous visitors on the public
pages, which both now get from the shared page cache (docs/member-speed.md).

    make bench   (or: .venv/bin/python -m bench.members)

Uses the local database that `make run` fills with demo content. Prints, per
page: the SQL queries a member's render makes (Django test client, page cache
off), then requests per second, p50 and p99 through gunicorn, anonymous and
member runs alternating page by page on the same server, and a static file
of similar size for comparison. Load goes to 127.0.0.1 only, bounded.
"""

from bench.common import count_queries, gunicorn, setup_django

REQUESTS = 1000
CONCURRENCY = 8


def public_pages():
    from events.models import EventIndexPage, EventPage
    from home.models import NoticeIndexPage, NoticePage
    from learning.courses.models import CourseIndexPage, CoursePage
    from volunteers.models import VolunteerIndexPage

    def first(model):
        page = model.objects.live().public().order_by("path").first()
        return page.url if page else None

    notices, courses, events = first(NoticeIndexPage), first(CourseIndexPage), first(EventIndexPage)
    pages = {
        "首页": "/",
        "通知公告": notices,
        "通知详情": first(NoticePage),
        "课程库": courses,
        "课程": first(CoursePage),
        "点播本": courses and courses + "catalogue/",
        "活动列表": events,
        "活动月历": events and events + "calendar/",
        "活动详情": first(EventPage),
        "志愿服务": first(VolunteerIndexPage),
        "搜索（空表单）": "/search/",
    }
    return {label: url for label, url in pages.items() if url}


def member_session():
    """A session for a demo account that is neither staff nor superuser."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.cached_db import SessionStore

    user = get_user_model().objects.filter(is_staff=False, is_superuser=False).first()
    if user is None:
        raise SystemExit("no member account in the local database: run `make run` first")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return user, session.session_key


def main():
    setup_django()
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.test import Client
    from django.test.utils import override_settings

    from bench.http_load import run

    pages = public_pages()
    user, session_key = member_session()
    print("== SQL queries of a member's render (Django test client, page cache off) ==")
    with override_settings(PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["*"]):
        client = Client()
        client.force_login(user)
        for label, url in pages.items():
            client.get(url)
            print(f"{label:<12} {count_queries(lambda url=url: client.get(url)):>3}  {url}")

    cookie = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}"}
    static = staticfiles_storage.url("core/css/site.css")
    print(
        f"\n== gunicorn (2 workers x 8 threads), {CONCURRENCY} clients, {REQUESTS} requests a run,"
        " anonymous and member alternating =="
    )
    print(f"{'page':<12} {'who':<9} {'req/s':>6} {'p50 ms':>7} {'p99 ms':>7}  cache")
    with gunicorn() as base:
        for label, url in [*pages.items(), ("静态文件", static)]:
            for who, headers in (("anonymous", {}), ("member", cookie)):
                run(base + url, requests=100, concurrency=CONCURRENCY, headers=headers)  # warm
                result = run(
                    base + url, requests=REQUESTS, concurrency=CONCURRENCY, headers=headers
                )
                print(
                    f"{label:<12} {who:<9} {result['rps']:>6.0f} {result['median_ms']:>7.1f}"
                    f" {result['p99_ms']:>7.1f}  {result['statuses']}"
                )


if __name__ == "__main__":
    main()
