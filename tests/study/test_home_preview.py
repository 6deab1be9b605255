"""直播预告: the home page shows what the next study sessions will show."""

import datetime

from django.utils import timezone
from wagtail.models import Page

from learning.study import services
from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory
from tests.events.factories import days_from_now
from tests.study.factories import make_session


def preview_of(client):
    response = client.get("/")
    assert response.status_code == 200
    return response


def test_the_next_session_with_its_branches_and_published_courses(
    client, home_page, event_index, branch, session
):
    library = CourseIndexPageFactory(parent=home_page)
    shown = CoursePageFactory(parent=library, title="基层党建工作学习", speaker="李老师")
    draft = CoursePageFactory(parent=library, title="尚未发布的课程")
    Page.objects.filter(pk=draft.pk).update(live=False)
    session.courses.add(shown, draft)
    session.save_revision().publish()

    html = preview_of(client).content.decode()
    preview = html[html.index("直播预告") :]
    assert "十一月远教学习会" in preview
    assert "第一党支部" in preview
    assert "基层党建工作学习" in preview and "李老师" in preview and "10分钟" in preview
    assert "尚未发布的课程" not in html
    assert "正在进行" not in preview


def test_a_session_going_on_now_is_marked_in_words(home_page, event_index, branch):
    now = timezone.now()
    make_session(
        event_index,
        [branch],
        title="正在开的学习会",
        start=now - datetime.timedelta(minutes=30),
        end=now + datetime.timedelta(minutes=90),
    )
    preview = services.broadcast_preview(now)
    assert [item["session"].title for item in preview] == ["正在开的学习会"]
    assert preview[0]["on_air"]


def test_finished_sessions_and_other_events_are_not_previewed(
    client, home_page, event_index, branch
):
    make_session(
        event_index,
        [branch],
        title="上个月的学习会",
        start=days_from_now(-30, 9),
        end=days_from_now(-30, 11),
    )
    assert services.broadcast_preview() == []
    assert "直播预告" not in preview_of(client).content.decode()


def test_only_the_next_two_sessions_in_date_order(home_page, event_index, branch):
    for days in (9, 2, 5):
        make_session(
            event_index,
            [branch],
            title=f"{days}天后的学习会",
            start=days_from_now(days, 9),
            end=days_from_now(days, 11),
        )
    titles = [item["session"].title for item in services.broadcast_preview()]
    assert titles == ["2天后的学习会", "5天后的学习会"]


def test_the_preview_also_shows_beside_the_notices(client, notice_index, event_index, session):
    html = client.get(notice_index.url).content.decode()
    assert "直播预告" in html and "十一月远教学习会" in html


def test_the_preview_also_shows_under_the_month_calendar(client, event_index, session):
    html = client.get(event_index.url + "calendar/?month=2000-01").content.decode()
    # Another month on screen; the preview still names the next session.
    assert "直播预告" in html and "十一月远教学习会" in html
