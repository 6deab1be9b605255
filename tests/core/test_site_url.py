"""The site's own address: ``manage.py set_site_url`` writes it into the
default Wagtail Site (from SITE_URL, else gunicorn's BIND/PORT), and every
absolute link the site makes carries it — calendar files, the RSS feed,
e-mails and QR codes — whatever Host the request came with."""

import io
import re

import icalendar
import pytest
from defusedxml import ElementTree as ET
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Site

from config.settings.env import site_url
from core.qr import qr_svg
from events import services
from tests.events.factories import EventIndexPageFactory, make_event
from tests.home.factories import NoticePageFactory

pytestmark = pytest.mark.django_db

SITE = "https://community.example.cn"


def _set(url):
    out = io.StringIO()
    call_command("set_site_url", url, stdout=out)
    return out.getvalue()


def test_set_site_url_writes_the_default_site_once(home_page):
    assert "已设为：https://community.example.cn" in _set(SITE)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("community.example.cn", 443, SITE)
    assert "未改动" in _set(SITE + "/")
    _set("http://192.168.1.20:8000")
    assert Site.objects.get(is_default_site=True).root_url == "http://192.168.1.20:8000"


@pytest.mark.parametrize(
    "url",
    ["community.example.cn", "ftp://community.example.cn", "https://x.cn:8443", "http://x.cn/site"],
)
def test_an_address_a_site_cannot_have_is_refused_in_chinese(home_page, url):
    with pytest.raises(CommandError, match="网站地址|https 地址"):
        _set(url)
    assert Site.objects.get(is_default_site=True).hostname == "localhost"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"SITE_URL": "https://community.example.cn/"}, SITE),
        ({"BIND": "0.0.0.0:9000"}, "http://127.0.0.1:9000"),
        ({"BIND": "192.168.1.20:8000", "PORT": "1"}, "http://192.168.1.20:8000"),
        ({"BIND": "unix:/run/community.sock", "PORT": "8100"}, "http://127.0.0.1:8100"),
        ({"PORT": "9001"}, "http://127.0.0.1:9001"),
        ({}, "http://127.0.0.1:8000"),
    ],
)
def test_the_address_comes_from_site_url_else_what_gunicorn_serves(monkeypatch, environ, expected):
    for name in ("SITE_URL", "BIND", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert site_url() == expected


def test_calendar_files_feeds_e_mails_and_qr_codes_carry_the_configured_address(
    client, home_page, notice_index, django_capture_on_commit_callbacks
):
    _set(SITE)
    index = EventIndexPageFactory(parent=home_page)
    event = make_event(index, title="社区大讲堂", capacity=1, max_companions=0)
    occurrence = event.occurrences.get()

    # A calendar file (the request's Host is testserver, not the site's).
    calendar = icalendar.Calendar.from_ical(client.get(event.url + "ics/").content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["url"]) == f"{SITE}{event.url}"

    # The RSS feed.
    NoticePageFactory(parent=notice_index, title="停水通知")
    xml = client.get(notice_index.url + "feed/").content  # our own feed
    feed = ET.fromstring(xml).find("channel")
    assert feed.findtext("link") == f"{SITE}{notice_index.url}"
    assert feed.find("item").findtext("link").startswith(f"{SITE}{notice_index.url}")

    # An e-mail (the waiting list moves up).
    first = services.register(occurrence, name="张秀英", phone="13812345678")
    waiting = services.register(
        occurrence, name="李建国", phone="13812345679", email="li@example.cn"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(first)
    [message] = mail.outbox
    links = re.findall(r"https?://\S+", message.body)
    assert links == [f"{SITE}{reverse('events:confirmation', args=[waiting.code])}"]

    # The check-in QR code on the confirmation page.
    html = client.get(reverse("events:confirmation", args=[waiting.code])).content.decode()
    waiting.refresh_from_db()
    check_in = reverse("events:check_in", args=[services.check_in_code(waiting)])
    assert str(qr_svg(SITE + check_in, "x")).split("<path")[1] in html
