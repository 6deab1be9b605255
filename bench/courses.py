"""Benchmark: the course library with 2,000 courses and 20,000 tags, and
video serving with Range requests.

    .venv/bin/python -m bench.courses              # SQLite
    .venv/bin/python -m bench.courses --postgres   # SQLite, then PostgreSQL

Builds its own data in a temporary VAR_DIR (SQLite) or in the PostgreSQL
database ``community_courses_bench`` (made fresh by `.ci/postgres-up`), never
in the development database. Then:

1. Django test client, page cache off: SQL queries, median and p95 of the
   library (first and a late page, a category, a tag, most watched), the
   catalogue of all 2,000 courses, a course page, and the search page.
2. gunicorn (2 workers x 8 threads, gunicorn.conf.py) on 127.0.0.1 with a
   200 MB file: bytes per second of one client reading it whole as one
   range, and in the 2 MiB parts an open-ended range gets; time to the first
   byte of a seek to 150 MB; and the latency of page requests while 20 slow
   viewers stream videos (at 2 Mbit/s each, like phones), with the parts as
   configured and with MEDIA_RANGE_CHUNK_KB=0 (one response for the rest of
   the file, as a plain file server would send).
"""

import argparse
import datetime
import http.client
import os
import threading
import time

from bench.common import (
    count_queries,
    database_runs,
    gunicorn,
    measure,
    run_child,
    setup_django,
)
from bench.http_load import run

COURSES = 2000
TAGS = 20000
TAGS_PER_COURSE = 10
MEDIA_MB = 200
VIEWERS = 20
VIEWER_BYTES_PER_SECOND = 250_000  # 2 Mbit/s: a lecture video on a phone
STREAM_SECONDS = 20
PG_DATABASE = "community_courses_bench"

WORDS = [
    "基层党建",
    "支部建设",
    "政策解读",
    "蔬菜大棚种植技术",
    "防范电信诈骗",
    "老年人健康保健",
    "垃圾分类",
    "智能手机使用",
    "民法典",
    "消防安全",
]


# --- Data ---------------------------------------------------------------------------


def build_data():
    from django.core.management import call_command
    from taggit.models import Tag

    from home import demo as home_demo
    from learning.courses.models import CourseCategory, CourseIndexPage, CoursePage, CourseTag

    nowhere = open(os.devnull, "w")  # noqa: SIM115
    home = home_demo.home_page(nowhere)
    home_demo.load(home, nowhere)  # site settings and notices
    library = CourseIndexPage(title="课程库", slug="courses", show_in_menus=True)
    home.add_child(instance=library)
    categories = list(CourseCategory.objects.all())
    started = time.perf_counter()
    for n in range(COURSES):
        page = CoursePage(
            title=f"{WORDS[n % len(WORDS)]}第{n}讲",
            slug=f"course-{n:04d}",
            category=categories[n % len(categories)],
            speaker=f"主讲人{n % 50}",
            summary="用于测量课程库速度的课程。" + WORDS[(n * 3) % len(WORDS)],
            duration=datetime.timedelta(minutes=30 + n % 60),
        )
        library.add_child(instance=page)
    Tag.objects.bulk_create([Tag(name=f"标签{n:05d}", slug=f"tag-{n:05d}") for n in range(TAGS)])
    tag_ids = list(Tag.objects.order_by("pk").values_list("pk", flat=True))
    course_ids = list(CoursePage.objects.order_by("pk").values_list("pk", flat=True))
    CourseTag.objects.bulk_create(
        [
            CourseTag(content_object_id=course_id, tag_id=tag_ids[(i * TAGS_PER_COURSE + k) % TAGS])
            for i, course_id in enumerate(course_ids)
            for k in range(TAGS_PER_COURSE)
        ]
    )
    call_command("update_index", verbosity=0)  # tags are searchable too
    return library, time.perf_counter() - started


def pages_benchmark(library):
    from django.test import Client
    from django.test.utils import override_settings
    from taggit.models import Tag

    from learning.courses.models import CoursePage

    course = CoursePage.objects.order_by("pk")[COURSES // 2]
    tag = Tag.objects.get(slug="tag-00042")
    pages = {
        "library, page 1": library.url,
        "library, page 100": library.url + "?page=100",
        "library, most watched": library.url + "?sort=popular",
        "one category": library.url + "category/technology/",
        "one tag (of 20,000)": library.url + f"tag/{tag.slug}/",
        "catalogue (all 2,000)": library.url + "catalogue/",
        "course page": course.url,
        "search 种植 (all types)": "/search/?q=种植",
        "search 党建 in courses": "/search/?q=党建&type=course",
        "search 老年人, one category": "/search/?q=老年人&category=culture-health",
    }
    print("\n| page | SQL queries | median | p95 |\n| --- | ---: | ---: | ---: |")
    with override_settings(PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["*"]):
        client = Client()
        for name, url in pages.items():
            assert client.get(url).status_code == 200, url
            queries = count_queries(lambda url=url: client.get(url))
            median, p95 = measure(lambda url=url: client.get(url), repeat=20)
            print(f"| {name} | {queries} | {median:.1f} ms | {p95:.1f} ms |")


# --- Media ----------------------------------------------------------------------------


def make_media_file(media_root):
    path = media_root / "bench" / "lecture-200mb.mp4"
    path.parent.mkdir(parents=True, exist_ok=True)
    block = os.urandom(1024 * 1024)
    with path.open("wb") as handle:
        for _ in range(MEDIA_MB):
            handle.write(block)
    return "/media/bench/lecture-200mb.mp4", path.stat().st_size


def _connection(base):
    host, port = base.removeprefix("http://").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=60)


def read_range(base, path, start, end=None):
    """(status, bytes, seconds to first byte, seconds in all) for one request."""
    conn = _connection(base)
    began = time.perf_counter()
    conn.request("GET", path, headers={"Range": f"bytes={start}-{'' if end is None else end}"})
    response = conn.getresponse()
    first = response.read(65536)
    first_byte = time.perf_counter() - began
    total = len(first)
    while chunk := response.read(1024 * 1024):
        total += len(chunk)
    conn.close()
    return response.status, total, first_byte, time.perf_counter() - began


def read_in_parts(base, path, size):
    """Reads the whole file as a video player does: open-ended ranges, each
    answered with a part, the next asked from where the last one ended."""
    began = time.perf_counter()
    conn = _connection(base)
    position = requests = 0
    while position < size:
        conn.request("GET", path, headers={"Range": f"bytes={position}-"})
        response = conn.getresponse()
        while chunk := response.read(1024 * 1024):
            position += len(chunk)
        requests += 1
    conn.close()
    return position, requests, time.perf_counter() - began


def slow_viewer(base, path, size, stop):
    """Streams like a phone: open-ended ranges, read at a video's bit rate."""
    conn = _connection(base)
    position = 0
    piece = 64 * 1024
    pause = piece / VIEWER_BYTES_PER_SECOND
    while not stop.is_set() and position < size:
        try:
            conn.request("GET", path, headers={"Range": f"bytes={position}-"})
            response = conn.getresponse()
            while not stop.is_set() and (chunk := response.read(piece)):
                position += len(chunk)
                time.sleep(pause)
            if stop.is_set():
                break
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = _connection(base)
    conn.close()


def pages_while_streaming(base, page_url, path, size):
    stop = threading.Event()
    viewers = [
        threading.Thread(target=slow_viewer, args=(base, path, size, stop), daemon=True)
        for _ in range(VIEWERS)
    ]
    for viewer in viewers:
        viewer.start()
    time.sleep(2)  # every viewer is in the middle of a response
    try:
        result = run(base + page_url, 400, 4, max_seconds=STREAM_SECONDS)
    finally:
        stop.set()
        for viewer in viewers:
            viewer.join(timeout=5)
    return result


def media_benchmark(library):
    from django.conf import settings
    from django.db import connection

    path, size = make_media_file(settings.MEDIA_ROOT)
    connection.close()
    page_url = library.url + "?page=3"
    env = {"PAGE_CACHE_SECONDS": "0"}
    with gunicorn(env=env) as base:
        for _ in range(4):  # both workers have loaded everything
            read_range(base, path, 0, 1023)
            run(base + page_url, 4, 2)
        whole = []
        for _ in range(3):
            status, total, _first, seconds = read_range(base, path, 0, size - 1)
            assert status == 206 and total == size, (status, total)
            whole.append(seconds)
        seconds = sorted(whole)[1]
        print(
            f"\none client, whole 200 MB file as one range (206): {size / seconds / 1e6:.0f} MB/s"
            f" (median of 3: {seconds:.2f} s)"
        )
        parts = sorted(read_in_parts(base, path, size) for _ in range(3))[1]
        total, requests, seconds = parts
        print(
            f"one client, open-ended ranges answered in 2 MiB parts: {total / seconds / 1e6:.0f} MB/s"
            f" ({requests} requests, {seconds:.2f} s)"
        )
        seeks = [read_range(base, path, 150_000_000, 150_000_000 + 65535)[2] for _ in range(20)]
        seeks.sort()
        print(f"seek to 150 MB (64 KB range), time to first byte: median {seeks[10] * 1000:.1f} ms")
        quiet = run(base + page_url, 200, 4, max_seconds=STREAM_SECONDS)
    print(
        "\n| page requests (library page 3, 4 clients) | requests/s | median | p95 | slowest | statuses |"
        "\n| --- | ---: | ---: | ---: | ---: | --- |"
    )
    print(
        f"| no viewers | {quiet['rps']:.0f} | {quiet['median_ms']:.0f} ms |"
        f" {quiet['p95_ms']:.0f} ms | {quiet['max_ms']:.0f} ms | {quiet['statuses']} |"
    )
    for label, chunk_kb in [("2 MiB parts (default)", "2048"), ("one response (no parts)", "0")]:
        with gunicorn(env={**env, "MEDIA_RANGE_CHUNK_KB": chunk_kb}) as base:
            busy = pages_while_streaming(base, page_url, path, size)
        print(
            f"| {VIEWERS} viewers at 2 Mbit/s, {label} | {busy['rps']:.0f} |"
            f" {busy['median_ms']:.0f} ms | {busy['p95_ms']:.0f} ms | {busy['max_ms']:.0f} ms |"
            f" {busy['statuses']} |"
        )


# --- One database --------------------------------------------------------------------------


def run_one(label, with_media):
    setup_django("config.settings.local")
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    library, seconds = build_data()
    print(f"## {label} ({connection.vendor})")
    print(
        f"data: {COURSES} courses, {TAGS} tags ({TAGS_PER_COURSE} a course), built in {seconds:.0f} s"
    )
    pages_benchmark(library)
    if with_media:
        media_benchmark(library)
    print()


def main():
    parser = argparse.ArgumentParser(description="course library benchmark")
    parser.add_argument("--postgres", action="store_true", help="also run on PostgreSQL")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--media", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.child, args.media)
        return
    for number, (label, env) in enumerate(database_runs(args.postgres, PG_DATABASE)):
        # Media serving does not depend on the database: measured once.
        extra = ["--media"] if number == 0 else []
        run_child(
            "bench.courses", ["--child", label, *extra], {**env, "PAGE_CACHE_SECONDS": "300"}, 1800
        )


if __name__ == "__main__":
    main()
