"""In a real browser: the header of a page cached for everyone says 登录 to a
visitor, and 我的 (with their name) and 编辑此页 to an editor who gets the very
same cached page (core/js/personal.js)."""

from urllib.parse import quote

import pytest
from django.test import Client

from accounts import roles
from tests.accounts.factories import UserFactory
from tests.home.factories import NoticeIndexPageFactory, NoticePageFactory, make_site_home

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _wait_until_loaded(tab):
    for _ in range(150):
        if tab.evaluate("document.body.getAttribute('data-personal-loaded') === 'true'"):
            return
        tab.wait_for_timeout(100)
    pytest.fail("the personal part never loaded")


def test_the_header_of_a_shared_cached_page_is_each_visitors_own(live_server, tab):
    notice = NoticePageFactory(
        parent=NoticeIndexPageFactory(parent=make_site_home()), title="停水通知"
    )
    url = f"{live_server.url}{notice.url}"
    assert tab.goto(url).headers["x-page-cache"] == "miss"
    _wait_until_loaded(tab)
    account = tab.locator("[data-personal-account]")
    assert account.inner_text() == "登录"
    assert account.get_attribute("href") == f"/accounts/login/?next={quote(notice.url, safe='')}"
    assert tab.get_by_role("link", name="编辑此页").count() == 0

    editor = Client()
    editor.force_login(UserFactory(roles=[roles.EDITORS], real_name="王编辑"))
    session = editor.cookies["sessionid"].value
    tab.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    assert tab.goto(url).headers["x-page-cache"] == "hit"
    _wait_until_loaded(tab)
    assert account.inner_text() == "我的" and account.get_attribute("title") == "王编辑"
    edit = tab.get_by_role("link", name="编辑此页")
    assert edit.is_visible()
    assert edit.get_attribute("href") == f"/admin/pages/{notice.pk}/edit/"
