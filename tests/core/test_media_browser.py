"""The attack replayed in a browser: a page planted in the media folder,
whose script would create a superuser through the Wagtail admin with the
administrator's session and CSRF token, is opened by a logged-in
administrator, and nothing happens (docs/security-uploads.md)."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test.testcases import _MediaFilesHandler
from playwright.sync_api import Error as PlaywrightError

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ATTACKER_PHONE = "13811112222"
ATTACK_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>讲座</title>
<script src="attack.js"></script></head><body>loading…</body></html>
"""
# Same origin, so the CSP's script-src 'self' and connect-src 'self' let it
# run and fetch: take the form's CSRF token, post a new superuser.
ATTACK_SCRIPT = f"""
(async function () {{
    try {{
        var form = await fetch("/admin/users/new/", {{credentials: "same-origin"}});
        var html = await form.text();
        var field = new DOMParser().parseFromString(html, "text/html")
            .querySelector("input[name=csrfmiddlewaretoken]");
        var token = field ? field.value : /csrftoken=([^;]+)/.exec(document.cookie)[1];
        var answer = await fetch("/admin/users/new/", {{
            method: "POST",
            credentials: "same-origin",
            body: new URLSearchParams({{
                csrfmiddlewaretoken: token,
                phone: "{ATTACKER_PHONE}",
                real_name: "攻击者",
                email: "",
                password1: "Attack-Passw0rd-2026",
                password2: "Attack-Passw0rd-2026",
                is_superuser: "on"
            }})
        }});
        document.title = "attack:" + form.status + " " + answer.status;
    }} catch (error) {{
        document.title = "attack:failed " + error;
    }}
}})();
"""


@pytest.fixture
def planted():
    folder = settings.MEDIA_ROOT / "planted-attack"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "attack.html").write_text(ATTACK_PAGE, encoding="utf-8")
    (folder / "attack.js").write_text(ATTACK_SCRIPT, encoding="utf-8")
    yield "/media/planted-attack/attack.html"
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


def test_a_planted_page_opened_by_an_administrator_creates_no_user(
    phone, live_server, home_page, planted, monkeypatch
):
    # Django's live server answers /media/ itself; let the site's own media
    # view (core/media.py) answer, as under gunicorn.
    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda self, path: False)
    admin = UserFactory(is_superuser=True, phone="13900000009")
    phone.goto(f"{live_server.url}/accounts/login/?next=/admin/")
    phone.get_by_label("手机号码").fill(admin.phone)
    phone.get_by_label("密码").fill(PASSWORD)
    phone.get_by_role("button", name="登录").click()
    phone.wait_for_url("**/admin/")

    try:
        phone.goto(f"{live_server.url}{planted}")
    except PlaywrightError as error:
        outcome = error.message  # sent as a download: the browser never made it a page
    else:
        outcome = "rendered"
    if outcome == "rendered":
        # It became a page: give its script the time it needs; it says when done.
        for _ in range(100):
            if phone.evaluate("document.title").startswith("attack:"):
                break
            phone.wait_for_timeout(100)

    users = get_user_model().objects
    assert not users.filter(phone=ATTACKER_PHONE).exists()
    assert list(users.filter(is_superuser=True)) == [admin]
    assert "Download is starting" in outcome
