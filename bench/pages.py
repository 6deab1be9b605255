"""Benchmark: the site-wide public pages (home, notice list, notice, search).

    make bench   (or: .venv/bin/python -m bench.pages)

Uses the local database that `make run` fills with demo content. Prints, per
page: SQL queries and render time through the Django test client with the page
cache off, then requests per second through gunicorn for an anonymous visitor
(served from the page cache), a visitor with a session cookie (rendered every
time) and a static file for comparison.
"""

from bench.common import count_queries, gunicorn, measure, setup_django

PAGES = {
    "首页 /": "/",
    "通知列表 /notices/": "/notices/",
    "通知列表第 2 页": "/notices/?page=2",
    "通知详情": "/notices/notice-1/",
    "RSS": "/notices/feed/",
    "搜索": "/search/?q=%E9%80%9A%E7%9F%A5",
}


def main():
    setup_django()
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.test import Client
    from django.test.utils import override_settings

    from bench.http_load import run

    print("== Django test client, page cache off ==")
    print(f"{'page':<22} {'queries':>7} {'median ms':>10} {'p95 ms':>8}")
    with override_settings(PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["*"]):
        client = Client()
        for label, url in PAGES.items():
            client.get(url)
            queries = count_queries(lambda url=url: client.get(url))
            median, p95 = measure(lambda url=url: client.get(url))
            print(f"{label:<22} {queries:>7} {median:>10.1f} {p95:>8.1f}")

    css = staticfiles_storage.url("core/css/site.css")
    print("\n== gunicorn (2 workers x 8 threads), 8 concurrent clients ==")
    with gunicorn() as base:
        for label, url, headers in [
            ("anonymous, from the page cache", "/notices/", {}),
            ("anonymous, home page", "/", {}),
            (
                "with a session cookie (rendered)",
                "/notices/",
                {"Cookie": f"{settings.SESSION_COOKIE_NAME}=x"},
            ),
            ("static file (whitenoise)", css, {}),
        ]:
            run(base + url, requests=200, concurrency=8, headers=headers)  # warm up workers
            result = run(base + url, requests=2000, concurrency=8, headers=headers)
            print(
                f"{label:<34} {result['rps']:>6.0f} req/s  median {result['median_ms']:.1f} ms"
                f"  p95 {result['p95_ms']:.1f} ms  {result['statuses']}"
            )


if __name__ == "__main__":
    main()
