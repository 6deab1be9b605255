"""Page view restrictions still hold now that a request reads them once
(core/view_restrictions.py): a private page stays out of lists and behind
its login, from the very next request after an editor restricts it."""

import pytest
from wagtail.models import PageViewRestriction

from tests.home.factories import NoticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rendered(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_a_notice_restricted_after_a_request_leaves_the_list_on_the_next_one(notice_index, client):
    notice = NoticePageFactory(parent=notice_index, title="内部通知")
    assert "内部通知" in client.get(notice_index.url).text
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.LOGIN)
    assert "内部通知" not in client.get(notice_index.url).text
    assert client.get(notice.url).status_code == 302  # to the login page


def test_a_restricted_section_hides_every_page_under_it_from_lists_and_the_menu(
    notice_index, client
):
    NoticePageFactory(parent=notice_index, title="内部通知")
    PageViewRestriction.objects.create(
        page=notice_index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    home = client.get("/").text
    assert "内部通知" not in home and notice_index.url not in home
    response = client.get(notice_index.url)
    assert response.status_code == 200 and 'name="password"' in response.text


def test_a_page_without_any_restriction_on_the_site_is_served_to_everyone(notice_index, client):
    notice = NoticePageFactory(parent=notice_index, title="公开通知")
    assert PageViewRestriction.objects.count() == 0
    assert "公开通知" in client.get(notice.url).text
