"""The query budget every rendered page keeps (issue "Member speed"): at most
``BUDGET`` SQL queries, and the same number with 10 and with 1,000 items.

``bulk_pages`` makes a thousand published Wagtail pages in a few INSERTs
(factories publish a revision per page, which would take minutes);
``assert_budget`` renders a URL with 10 items and again with 1,000."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from events.models import EventPage, Occurrence
from home.models import NoticePage
from learning.courses.models import CoursePage
from tests.courses.factories import category
from tests.events.factories import days_from_now

BUDGET = 15
FEW, MANY = 10, 1000


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries), captured.captured_queries


def query_counts(client, urls):
    """The queries of each URL, after a first request of each (what a
    worker keeps after its first request: site root paths, content types)."""
    for url in urls:
        count_queries(client, url)
    return [count_queries(client, url)[0] for url in urls]


def assert_budget(client, url, add_items, few=FEW, many=MANY):
    """``add_items(n)`` adds n items of what ``url`` lists. The first request
    fills what every worker process keeps after its first request (site root
    paths, content types); then the page is counted with ``few`` items and
    again after the rest, up to ``many``, were added."""
    add_items(few)
    count_queries(client, url)
    with_few, _ = count_queries(client, url)
    add_items(many - few)
    with_many, captured = count_queries(client, url)
    listing = "\n".join(query["sql"][:300] for query in captured)
    assert with_few <= BUDGET, f"{url}: {with_few} queries\n{listing}"
    assert with_many == with_few, f"{url}: {with_few} with {few}, {with_many} with {many}"
    return with_few


def bulk_pages(parent, model, count, make_fields):
    """``count`` live pages of ``model`` under ``parent``, inserted in bulk:
    ``make_fields(i)`` gives each page's fields (title and slug included).
    Returns the pages (as ``model`` instances with their ids)."""
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    pages = []
    for i in range(count):
        fields = make_fields(i)
        fields.setdefault("draft_title", fields["title"])
        fields.setdefault("first_published_at", now)
        fields.setdefault("last_published_at", now)
        pages.append(
            model(
                path=Page._get_path(parent.path, parent.depth + 1, step + i),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{fields['slug']}/",
                content_type=content_type,
                locale_id=parent.locale_id,
                live=True,
                **fields,
            )
        )
    _insert_by_table(model, pages)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)
    return pages


def _insert_by_table(model, pages):
    """Multi-table inheritance: one INSERT per table, ``Page`` first."""
    bases = Page.objects.bulk_create([_as(Page, page) for page in pages])
    for page, base in zip(pages, bases, strict=True):
        for field in model._meta.concrete_fields:
            if field.one_to_one and field.remote_field.parent_link:
                setattr(page, field.attname, base.pk)
    chain = [*reversed(model._meta.get_parent_list()), model]
    for table_model in chain:
        if table_model is Page:
            continue
        fields = list(table_model._meta.local_concrete_fields)
        table_model._base_manager._insert(pages, fields=fields)


def _as(model, page):
    values = {field.attname: getattr(page, field.attname) for field in model._meta.concrete_fields}
    values.pop("id")
    return model(**values)


# --- What the pages list ----------------------------------------------------


def add_notices(parent, count):
    return bulk_pages(
        parent,
        NoticePage,
        count,
        lambda i: {
            "title": f"通知 {NoticePage.objects.count() + i}",
            "slug": f"n-{NoticePage.objects.count() + i}",
            "date": datetime.date(2026, 11, 1) - datetime.timedelta(days=i % 300),
            "summary": "摘要",
            "body": [{"type": "paragraph", "value": "<p>正文</p>"}],
        },
    )


def add_events(parent, count):
    offset = EventPage.objects.count()
    events = bulk_pages(
        parent,
        EventPage,
        count,
        lambda i: {
            "title": f"活动 {offset + i}",
            "slug": f"e-{offset + i}",
            "kind": "lecture",
            "audience": "everyone",
            "start": days_from_now(1 + i % 20),
            "end": days_from_now(1 + i % 20, 11),
            "place": "活动室",
            "summary": "摘要",
        },
    )
    Occurrence.objects.bulk_create(
        Occurrence(event_id=e.pk, day=e.start.date(), start=e.start, end=e.end, capacity=10)
        for e in events
    )
    return events


def add_courses(parent, count):
    offset = CoursePage.objects.count()
    party = category()
    return bulk_pages(
        parent,
        CoursePage,
        count,
        lambda i: {
            "title": f"课程 {offset + i}",
            "slug": f"c-{offset + i}",
            "category": party,
            "speaker": "书记",
            "summary": "简介",
            "duration": datetime.timedelta(minutes=10),
        },
    )


def add_registrations(occurrences, user=None, status="confirmed"):
    """One registration on each occurrence (the user's own if given)."""
    from events.models import Registration

    offset = Registration.objects.count()
    return Registration.objects.bulk_create(
        Registration(
            occurrence_id=occurrence.pk,
            user=user,
            name=f"报名人{offset + i}",
            phone=f"139{offset + i:08d}",
            status=status,
        )
        for i, occurrence in enumerate(occurrences)
    )


def add_progress(user, courses, watched=60.0):
    """The user's viewing progress on each of these courses."""
    from learning.courses.models import CourseProgress

    now = timezone.now()
    return CourseProgress.objects.bulk_create(
        CourseProgress(
            user=user,
            course_id=course.pk,
            watched_intervals=[[0, watched]],
            watched_seconds=watched,
            last_position=watched,
            updated_at=now,
        )
        for course in courses
    )
