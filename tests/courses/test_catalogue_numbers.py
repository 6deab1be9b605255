"""The 点播本 gives each course a stable number: given the first time the
course goes live, never changed by edits, unpublishing or old revisions, and
never given again (not even after the course is deleted); the printed page
carries today's date."""

import datetime
import importlib
import threading

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

from learning.courses import services
from learning.courses.models import CatalogueCounter, CoursePage
from tests.clock import freeze
from tests.courses.factories import CoursePageFactory, category

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def _number(course):
    return CoursePage.objects.get(pk=course.pk).catalogue_number


def test_each_course_gets_the_next_number_the_first_time_it_goes_live(library):
    first = CoursePageFactory(parent=library)
    draft = CoursePageFactory(parent=library, live=False)
    second = CoursePageFactory(parent=library)
    assert _number(second) == _number(first) + 1
    assert _number(draft) is None  # never printed, no number
    draft.save_revision().publish()
    assert _number(draft) == _number(second) + 1


def test_edits_and_old_revisions_keep_the_number(library):
    course = CoursePageFactory(parent=library, title="党史学习教育专题", live=False)
    before_publishing = course.save_revision()
    course.save_revision().publish()
    number = _number(course)
    assert number is not None

    course = CoursePage.objects.get(pk=course.pk)
    course.title = "党史学习教育专题（修订版）"
    course.save_revision().publish()
    before_publishing.publish()  # an editor reverts to the oldest draft
    assert _number(course) == number


def test_unpublishing_or_deleting_never_frees_a_number(library):
    kept = CoursePageFactory(parent=library)
    last = CoursePageFactory(parent=library)
    kept_number, last_number = _number(kept), _number(last)

    kept.unpublish()
    CoursePage.objects.get(pk=kept.pk).save_revision().publish()
    assert _number(kept) == kept_number

    last.delete()
    newcomer = CoursePageFactory(parent=library)
    assert _number(newcomer) == last_number + 1


def test_a_copy_is_another_course_with_its_own_number(library):
    course = CoursePageFactory(parent=library)
    copy = course.copy(update_attrs={"slug": "copy-of-course", "title": "复制的课程"})
    assert _number(copy) not in (None, _number(course))


def test_two_courses_can_never_share_a_number(library):
    one = CoursePageFactory(parent=library)
    other = CoursePageFactory(parent=library)
    with pytest.raises(IntegrityError), transaction.atomic():
        CoursePage.objects.filter(pk=other.pk).update(catalogue_number=_number(one))


def test_existing_courses_are_numbered_in_the_order_the_catalogue_printed_them(library):
    migration = importlib.import_module("learning.courses.migrations.0005_number_existing_courses")
    b = CoursePageFactory(parent=library, title="2 急救常识", category=category("science"))
    a = CoursePageFactory(parent=library, title="1 消防安全", category=category("science"))
    first = CoursePageFactory(parent=library, title="3 党史")  # 基层党建 comes first
    draft = CoursePageFactory(parent=library, title="草稿", live=False)
    CoursePage.objects.update(catalogue_number=None)  # as before the migration
    CatalogueCounter.objects.all().delete()

    migration.number_live_courses(apps, connection.schema_editor())

    assert [_number(c) for c in (first, a, b)] == [1, 2, 3]
    assert _number(draft) is None
    assert CoursePageFactory(parent=library).catalogue_number == 4


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_courses_published_at_the_same_moment_get_different_numbers():
    numbers, errors = [], []
    start = threading.Barrier(6)

    def publish():
        try:
            start.wait()
            for _ in range(5):
                with transaction.atomic():
                    numbers.append(services.next_catalogue_number())
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(numbers) == list(range(1, 31))


def test_the_catalogue_and_the_course_page_show_the_number(client, library):
    course = CoursePageFactory(parent=library, title="基层党建工作学习")
    number = _number(course)
    catalogue = client.get(library.url + "catalogue/").content.decode()
    assert f"<td>{number}</td>" in catalogue
    assert f"点播本第 {number} 号" in client.get(course.url).content.decode()


def test_new_courses_come_last_in_their_category_whatever_their_title(client, library):
    old = CoursePageFactory(parent=library, title="2 党史")
    new = CoursePageFactory(parent=library, title="1 党章")
    catalogue = client.get(library.url + "catalogue/").content.decode()
    assert catalogue.index(old.title) < catalogue.index(new.title)


def test_the_printed_date_is_today_even_from_the_page_cache(client, library, monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 300
    clock = freeze(monkeypatch, datetime.datetime(2026, 11, 23, 23, 58, tzinfo=SHANGHAI))
    CoursePageFactory(parent=library)
    url = library.url + "catalogue/"
    first = client.get(url)
    assert "2026年11月23日" in first.content.decode()
    clock.advance(minutes=1)
    assert client.get(url)["X-Page-Cache"] == "hit"
    clock.advance(minutes=1)  # midnight in Shanghai
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "2026年11月24日" in response.content.decode()
