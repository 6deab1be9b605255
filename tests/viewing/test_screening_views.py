"""放映 through its real screens: the list, the screening page and the
reports it posts, the record screen, the page listing's button, the
member's 现场观看记录 and the year figure."""

import datetime
import json
import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from learning.evaluation.year_figures import figures_for_members
from learning.viewing.models import Run, Screening, ScreeningCourse
from learning.viewing.services.screening import end_screening, report_course, start_screening
from tests.accounts.factories import UserFactory
from tests.courses.factories import CoursePageFactory
from tests.study.factories import MemberFactory
from tests.viewing.factories import attend, course_video

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def url(name, *args):
    return reverse(f"viewing_screening:{name}", args=args)


def test_the_list_shows_todays_and_upcoming_sessions_of_the_admins_branches(
    admin_client, held_session, session, event_index, other_branch
):
    from tests.study.factories import make_session

    make_session(event_index, [other_branch], title="别的支部的学习会")
    past = timezone.now() - datetime.timedelta(days=3)
    make_session(event_index, [held_session.branches.first()], title="上周的学习会", start=past,
                 end=past + datetime.timedelta(hours=2))  # fmt: skip
    page = admin_client.get(url("index")).content.decode()
    assert held_session.title in page and session.title in page
    assert "别的支部的学习会" not in page and "上周的学习会" not in page
    assert url("play", held_session.pk) in page


def test_the_page_listing_offers_放映_beside_the_admins_sessions_only(
    client, branch_admin, held_session, event_index, other_branch
):
    from learning.viewing.wagtail_hooks import screening_button
    from tests.study.factories import make_session

    other = make_session(event_index, [other_branch], title="别的支部的学习会")
    client.force_login(UserFactory(is_superuser=True))
    page = client.get(reverse("wagtailadmin_explore", args=[event_index.pk])).content.decode()
    assert url("play", held_session.pk) in page and url("play", other.pk) in page
    assert [b.url for b in screening_button(held_session, branch_admin)] == [
        url("play", held_session.pk)
    ]
    assert list(screening_button(other, branch_admin)) == []
    assert list(screening_button(held_session, UserFactory())) == []


def test_the_screening_page_shows_the_start_screen_and_the_courses_to_play(
    admin_client, held_session, library, mp4_bytes
):
    course = CoursePageFactory(parent=library, title="放映的课程", video=course_video(mp4_bytes))
    CoursePageFactory(parent=library, title="没有视频的课程")
    held_session.courses.set([course, *held_session.courses.all()])
    held_session.save()
    response = admin_client.get(url("play", held_session.pk))
    page = response.content.decode()
    assert held_session.title in page and "第一党支部" in page and "开始放映" in page
    data = json.loads(re.search(r'id="screening-courses"[^>]*>(.*?)</script>', page).group(1))
    assert [c["title"] for c in data] == ["放映的课程"]
    assert data[0]["sources"][-1]["src"] == course.video.url


def test_others_are_refused_the_screening_page_and_its_reports(
    client, held_session, other_branch, shown_courses, branch_admin
):
    member = UserFactory()
    client.force_login(member)
    assert client.get(url("play", held_session.pk)).status_code == 302  # no admin at all
    other_admin = UserFactory(roles=[roles.BRANCH_ADMINS])
    other_branch.administrators.add(other_admin)
    client.force_login(other_admin)
    assert client.get(url("play", held_session.pk)).status_code == 404
    token = str(uuid.uuid4())
    assert client.post(url("start", held_session.pk), {"token": token}).status_code == 404
    screening = start_screening(branch_admin, held_session)
    course = {"order": 1, "course": shown_courses[0].pk, "seconds": 0}
    assert client.post(url("course", screening.pk), course).status_code == 404
    assert client.post(url("end", screening.pk), {}).status_code == 404
    assert client.get(url("record", screening.pk)).status_code == 404
    assert not screening.shown.exists() and Screening.objects.get().ended_at is None


def test_the_page_reports_a_screening_with_csrf_and_the_beacon_closes_it(
    branch_admin, held_session, shown_courses
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(branch_admin)
    page = client.get(url("play", held_session.pk)).content.decode()
    csrf = re.search(r'data-csrf="([^"]+)"', page).group(1)
    token = re.search(r'data-token="([^"]+)"', page).group(1)
    assert client.post(url("start", held_session.pk), {"token": token}).status_code == 403
    headers = {"HTTP_X_CSRFTOKEN": csrf}
    answer = client.post(url("start", held_session.pk), {"token": token}, **headers).json()
    again = client.post(url("start", held_session.pk), {"token": token}, **headers).json()
    assert answer == again and Screening.objects.count() == 1
    first = {"order": 1, "course": shown_courses[0].pk, "seconds": 0}
    assert client.post(answer["course"], first, **headers).json() == {
        "order": 1,
        "completed": False,
    }
    # The beacon: a form with the token in its body, the course playing in it.
    beacon = {"csrfmiddlewaretoken": csrf, "order": 1, "course": shown_courses[0].pk}
    assert client.post(answer["end"], {**beacon, "seconds": 1}).json()["ended"] is True
    screening = Screening.objects.get()
    assert screening.ended_at is not None and screening.shown.get().ended_at is not None
    assert Run.objects.get().screening == screening
    # Sent again: still one run.
    assert client.post(answer["end"], {**beacon, "seconds": 1}).json()["ended"] is True
    assert Run.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"order": 1, "course": "other", "seconds": 0}, "不是这次学习会的课程"),
        ({"order": 1, "course": "mine", "seconds": 3600}, "超过了实际经过的时间"),
        ({"order": 1, "course": "mine", "seconds": "abc"}, "播放秒数不正确"),
        ({"order": "x", "course": "mine", "seconds": 0}, "放映报告不完整"),
        ({"order": 1, "course": "999999", "seconds": 0}, "放映报告不完整"),
    ],
)
def test_forged_reports_are_answered_with_a_chinese_message(
    admin_client, branch_admin, held_session, shown_courses, library, fields, message
):
    screening = start_screening(branch_admin, held_session)
    if fields["course"] == "other":
        fields["course"] = CoursePageFactory(parent=library).pk
    elif fields["course"] == "mine":
        fields["course"] = shown_courses[0].pk
    response = admin_client.post(url("course", screening.pk), fields)
    assert response.status_code == 400 and message in response.json()["error"]
    assert not ScreeningCourse.objects.exists()


def test_a_number_from_the_catalogue_is_found_and_a_missing_one_explained(
    admin_client, held_session, library, mp4_bytes
):
    course = CoursePageFactory(parent=library, title="红色家风", video=course_video(mp4_bytes))
    found = admin_client.get(url("number", held_session.pk), {"n": course.catalogue_number})
    assert found.json()["course"]["title"] == "红色家风"
    assert found.json()["course"]["number"] == course.catalogue_number
    missing = admin_client.get(url("number", held_session.pk), {"n": "4321"})
    assert missing.status_code == 200
    assert missing.json()["error"] == "点播本里没有第 4321 号课程，请核对编号。"


def _past_screening(actor, session, courses, members):
    t0 = timezone.now() - 50 * MINUTE
    screening = start_screening(actor, session, now=t0)
    for order, (course, seconds) in enumerate(zip(courses, (600, 120), strict=True), 1):
        at = t0 + order * 10 * MINUTE
        report_course(actor, screening, order=order, course=course, seconds=0, at=at - 10 * MINUTE)
        report_course(actor, screening, order=order, course=course, seconds=seconds, at=at)
    end_screening(actor, screening, at=t0 + 21 * MINUTE)
    attend(session, members[0])
    attend(session, members[1], mode="online")
    return screening


def test_the_record_screen_says_who_is_credited_with_what(
    admin_client, branch_admin, held_session, shown_courses, members
):
    screening = _past_screening(branch_admin, held_session, shown_courses, members)
    page = admin_client.get(url("record", screening.pk)).content.decode()
    assert "已记入设备运行记录" in page
    assert members[0].name in page and members[1].name not in page
    assert "否（不足 90%）" in page  # the second course, 120 of 600 seconds
    assert "记入的课程：党章学习第一讲</p>" in page
    assert url("record", screening.pk) in admin_client.get(url("index")).content.decode()


def test_the_member_sees_the_courses_watched_on_site_page_by_page(
    client, branch_admin, held_session, shown_courses, members
):
    _past_screening(branch_admin, held_session, shown_courses, members)
    user = UserFactory(phone=members[0].phone)
    members[0].user = user
    members[0].save()
    client.force_login(user)
    me = client.get(reverse("accounts:me")).content.decode()
    assert "现场观看记录" in me and reverse("viewing:watched") in me
    page = client.get(reverse("viewing:watched")).content.decode()
    assert "党章学习第一讲" in page and "党章学习第二讲" not in page
    assert held_session.title in page
    # 21 more rows: a second page.
    screening = Screening.objects.get()
    for order in range(3, 24):
        ScreeningCourse.objects.create(
            screening=screening, order=order, course=shown_courses[0], completed=True,
            started_at=screening.started_at, seconds_played=600, duration_seconds=600,
        )  # fmt: skip
    assert "?page=2" in client.get(reverse("viewing:watched")).content.decode()
    assert "党章学习第一讲" in client.get(reverse("viewing:watched") + "?page=2").content.decode()


def test_a_member_without_a_link_is_told_so(client, user):
    client.force_login(user)
    assert "还没有关联党员登记" in client.get(reverse("viewing:watched")).content.decode()


def test_the_year_figure_counts_courses_watched_on_site_in_fixed_queries(
    branch_admin, held_session, shown_courses, members, branch, django_assert_max_num_queries
):
    _past_screening(branch_admin, held_session, shown_courses, members)
    year = timezone.localdate(held_session.start).year
    from learning.viewing.wagtail_hooks import watched_on_site_year_figures

    many = [*members, *(MemberFactory(branch=branch) for _ in range(30))]
    with django_assert_max_num_queries(1):
        answer = watched_on_site_year_figures(many, year)
    assert list(answer) == [members[0].pk]
    assert answer[members[0].pk][0]["value"] == 1
    figures = figures_for_members(members, year)
    keys = [f["key"] for f in figures[members[0].pk]]
    assert "viewing_on_site_courses" in keys
    assert "viewing_on_site_courses" not in [f["key"] for f in figures[members[1].pk]]
