"""直播预告 turns to 正在进行 at the start time on the cached home page, notice
list and month calendar: the cached page never outlives the state it shows."""

import datetime

import pytest

from tests.clock import freeze
from tests.study.factories import make_session

START = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock(monkeypatch):
    return freeze(monkeypatch, START - datetime.timedelta(minutes=3))


@pytest.fixture
def next_session(clock, event_index, branch, settings):
    settings.PAGE_CACHE_SECONDS = 300
    return make_session(
        event_index,
        [branch],
        title="十一月远教学习会",
        start=START,
        end=START + datetime.timedelta(hours=2),
    )


def _preview(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return response.get("X-Page-Cache"), html[html.index("直播预告") :]


@pytest.mark.parametrize("where", ["home", "notices", "calendar"])
def test_the_preview_turns_to_going_on_at_the_start_time_not_when_the_cache_expires(
    client, clock, next_session, event_index, notice_index, where
):
    url = {
        "home": "/",
        "notices": notice_index.url,
        "calendar": f"{event_index.url}calendar/?month=2026-11",
    }[where]
    state, preview = _preview(client, url)
    assert state == "miss" and "正在进行" not in preview
    clock.advance(minutes=2, seconds=59)
    state, preview = _preview(client, url)
    assert state == "hit" and "正在进行" not in preview  # still cached before the start

    clock.advance(seconds=1)  # 09:00:00, the start
    state, preview = _preview(client, url)
    assert state == "miss" and "正在进行" in preview


def test_a_page_showing_a_session_on_air_expires_when_it_ends(client, clock, next_session):
    clock.now = START + datetime.timedelta(hours=1, minutes=58)  # on air, 2 minutes left
    assert "正在进行" in _preview(client, "/")[1]
    clock.advance(minutes=1)
    assert _preview(client, "/")[0] == "hit"
    clock.advance(minutes=1, seconds=1)
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "十一月远教学习会" not in response.content.decode()


def test_a_page_without_a_coming_change_keeps_the_configured_lifetime(
    client, clock, home_page, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get("/")["X-Page-Cache"] == "miss"
    clock.advance(seconds=299)
    assert client.get("/")["X-Page-Cache"] == "hit"
    clock.advance(seconds=2)
    assert client.get("/")["X-Page-Cache"] == "miss"
