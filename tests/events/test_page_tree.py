"""Where each kind of event page may be created. The event list
(EventIndexPage) names none of the page types built on EventPage: a study
session and a volunteer activity may be created under it because their own
``parent_page_types`` say so."""

import pytest
from wagtail.models import Page, get_page_models

from events.models import EventIndexPage, EventPage
from home.models import HomePage
from learning.study.models import StudySession
from tests.accounts.factories import UserFactory
from tests.events.factories import make_event
from volunteers.models import VolunteerActivity

pytestmark = pytest.mark.django_db

EVENT_TYPES = [EventPage, StudySession, VolunteerActivity]


@pytest.mark.parametrize("model", [StudySession, VolunteerActivity])
def test_a_page_type_built_on_events_is_created_under_the_event_list_not_the_home_page(
    model, home_page, event_index
):
    assert model.can_create_at(event_index)
    assert not model.can_create_at(home_page)


def test_a_plain_event_is_created_under_the_event_list_only(home_page, event_index):
    event = make_event(event_index)
    assert EventPage.can_create_at(event_index)
    assert not EventPage.can_create_at(home_page)
    assert not EventPage.can_create_at(event)  # an event has no pages under it
    assert EventPage.allowed_subpage_models() == []


def test_only_event_pages_may_be_created_under_the_event_list(event_index):
    others = [model for model in get_page_models() if not issubclass(model, EventPage)]
    assert others  # the home page, notices, courses, …, and Wagtail's own Page
    assert not [model for model in others if model.can_exist_under(event_index)]


def test_the_event_list_lives_only_under_the_home_page_and_only_once(home_page, event_index):
    assert EventIndexPage.can_exist_under(home_page)
    assert not EventIndexPage.can_exist_under(Page.get_first_root_node())
    assert not EventIndexPage.can_exist_under(event_index)
    assert EventIndexPage.can_create_at(home_page) is False  # only one event list
    assert EventIndexPage.allowed_parent_page_models() == [HomePage]


def test_an_event_page_type_that_names_another_parent_is_not_offered_under_the_event_list(
    event_index, monkeypatch
):
    monkeypatch.setattr(
        VolunteerActivity, "clean_parent_page_models", classmethod(lambda cls: [HomePage])
    )
    assert not VolunteerActivity.can_create_at(event_index)
    assert StudySession.can_create_at(event_index)


def test_the_add_page_screen_of_the_event_list_offers_every_kind_of_event(
    client, home_page, event_index
):
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(f"/admin/pages/{event_index.pk}/add_subpage/").content.decode()
    for model in EVENT_TYPES:
        meta = model._meta
        assert f"/admin/pages/add/{meta.app_label}/{meta.model_name}/{event_index.pk}/" in html
    assert "学习会" in html and "志愿服务活动" in html
    form = client.get(f"/admin/pages/add/study/studysession/{event_index.pk}/")
    assert form.status_code == 200

    html = client.get(f"/admin/pages/{home_page.pk}/add_subpage/").content.decode()
    assert "/admin/pages/add/study/studysession/" not in html
    assert "/admin/pages/add/volunteers/volunteeractivity/" not in html
