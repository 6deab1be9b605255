"""In a real browser: a page cached for everyone says 登录 to a visitor; an
editor who gets the very same cached page sees 我的 (with their name) and
Wagtail's own user bar, added by core/js/personal.js from the one personal
request, without breaking the Content-Security-Policy; a member sees no user
bar."""

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


def _log_in(tab, live_server, **fields):
    someone = Client()
    someone.force_login(UserFactory(**fields))
    session = someone.cookies["sessionid"].value
    tab.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def test_an_editor_gets_wagtails_user_bar_on_a_shared_cached_page_a_member_does_not(
    live_server, tab
):
    notice = NoticePageFactory(
        parent=NoticeIndexPageFactory(parent=make_site_home()), title="停水通知"
    )
    url = f"{live_server.url}{notice.url}"
    assert tab.goto(url).headers["x-page-cache"] == "miss"
    _wait_until_loaded(tab)
    account = tab.locator("[data-personal-account]")
    assert account.inner_text() == "登录"
    assert account.get_attribute("href") == f"/accounts/login/?next={quote(notice.url, safe='')}"
    assert tab.locator("wagtail-userbar").count() == 0

    _log_in(tab, live_server, roles=[roles.EDITORS], real_name="王编辑")
    assert tab.goto(url).headers["x-page-cache"] == "hit"
    _wait_until_loaded(tab)
    assert account.inner_text() == "我的" and account.get_attribute("title") == "王编辑"
    # Wagtail's user bar (in its shadow root, which Playwright looks into):
    # its toggle shows once userbar.js has run, and opens the menu.
    toggle = tab.locator("wagtail-userbar [data-wagtail-userbar-trigger]")
    toggle.click()
    edit = tab.get_by_role("menuitem", name="编辑此页")
    edit.wait_for(state="visible")
    host = live_server.url.split(":", 1)[1]
    assert edit.get_attribute("href") == f"{host}/admin/pages/{notice.pk}/edit/"

    tab.context.clear_cookies()
    _log_in(tab, live_server, real_name="李党员")
    assert tab.goto(url).headers["x-page-cache"] == "hit"
    _wait_until_loaded(tab)
    assert account.get_attribute("title") == "李党员"
    assert tab.locator("wagtail-userbar").count() == 0
    assert tab.get_by_role("menuitem", name="编辑此页").count() == 0
