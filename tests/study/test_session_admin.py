"""A study session is added through the Wagtail admin like any event page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, streamfield

from learning.study.models import StudySession
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _form(branch, **overrides):
    day = timezone.localdate() + datetime.timedelta(days=10)
    fields = {
        "title": "十二月远教学习会",
        "slug": "study-december",
        "start": f"{day} 09:00",
        "end": f"{day} 11:00",
        "place": "远教活动室",
        "host": "王秀兰",
        "makeup_days": "7",
        "summary": "",
        "body": streamfield([]),
    }
    fields.update(overrides)
    data = nested_form_data(fields)
    data["branches"] = [str(branch.pk)]
    data["action-publish"] = "1"
    return data


def _add(client, index, data):
    url = reverse("wagtailadmin_pages:add", args=("study", "studysession", index.pk))
    return client.post(url, data)


def test_a_session_is_published_from_the_admin_as_a_study_event(client, event_index, branch):
    client.force_login(UserFactory(is_superuser=True))
    assert (
        client.get(
            reverse("wagtailadmin_pages:add", args=("study", "studysession", event_index.pk))
        ).status_code
        == 200
    )
    response = _add(client, event_index, _form(branch))
    assert response.status_code == 302, response.content.decode()[:3000]
    session = StudySession.objects.get(slug="study-december")
    assert session.live and session.kind == "study" and session.audience == "party"
    assert list(session.branches.all()) == [branch]
    assert session.occurrences.count() == 1


def test_a_session_without_branches_is_refused_with_the_form_kept(client, event_index, branch):
    client.force_login(UserFactory(is_superuser=True))
    data = _form(branch)
    del data["branches"]
    response = _add(client, event_index, data)
    assert response.status_code == 200
    assert not StudySession.objects.exists()
    assert "十二月远教学习会" in response.content.decode()


def test_the_admin_preview_shows_the_courses_chosen_but_not_yet_saved(
    client, home_page, event_index, branch
):
    from tests.courses.factories import CourseIndexPageFactory, CoursePageFactory

    course = CoursePageFactory(
        parent=CourseIndexPageFactory(parent=home_page), title="预览里的课程"
    )
    client.force_login(UserFactory(is_superuser=True))
    data = _form(branch)
    data["courses"] = [str(course.pk)]
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("study", "studysession", event_index.pk)
    )
    assert client.post(url, data).json() == {"is_valid": True, "is_available": True}
    response = client.get(url)
    assert response.status_code == 200
    assert "预览里的课程" in response.content.decode()


def test_the_session_form_has_no_weekday_boxes(client, event_index, branch):
    """A session is never repeated: neither the add nor the edit screen
    shows the event form's 星期几 boxes (or any repetition field)."""
    from tests.study.factories import make_session

    client.force_login(UserFactory(is_superuser=True))
    session = make_session(event_index, [branch])
    screens = [
        reverse("wagtailadmin_pages:add", args=("study", "studysession", event_index.pk)),
        reverse("wagtailadmin_pages:edit", args=[session.pk]),
    ]
    for url in screens:
        html = client.get(url).content.decode()
        assert 'name="repeat_weekdays"' not in html, url
        assert "星期几" not in html, url
        assert 'name="repeat"' not in html and 'name="repeat_interval"' not in html, url
        assert 'name="branches"' in html, url
