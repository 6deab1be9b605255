"""Public pages: the section page, the leaderboard (only those who chose to
appear, masked) and the wishes; no full name or mobile number anywhere, and
the same HTML for every visitor."""

import re

import pytest

from tests.volunteers.factories import (
    RecordFactory,
    TeamFactory,
    VolunteerFactory,
    VolunteerIndexPageFactory,
    WishFactory,
)
from volunteers import services

pytestmark = pytest.mark.django_db

PHONE = re.compile(r"1[3-9]\d{9}")


@pytest.fixture
def section(home_page):
    return VolunteerIndexPageFactory(parent=home_page)


@pytest.fixture
def people(boss):
    team = TeamFactory(name="平安巡逻队")
    shown = VolunteerFactory(
        real_name="欧阳娜娜", phone="13811112222", show_on_leaderboard=True, team=team
    )
    hidden = VolunteerFactory(real_name="王建军", phone="13933334444", show_on_leaderboard=False)
    second = VolunteerFactory(real_name="李明", phone="13755556666", show_on_leaderboard=True)
    for volunteer, hours in ((shown, 20), (hidden, 24), (second, 3)):
        record = RecordFactory(volunteer=volunteer, hours=hours)
        services.approve_record(record, boss)
    RecordFactory(volunteer=second, hours=9)  # not approved: does not count
    team.leader = shown
    team.save()
    return {"shown": shown, "hidden": hidden, "second": second}


def test_the_leaderboard_lists_only_volunteers_who_opted_in_with_masked_names(
    client, section, people
):
    html = client.get(section.url + "leaderboard/").content.decode()
    assert "欧**娜" in html and "李*" in html
    assert "欧阳娜娜" not in html and "李明" not in html
    assert "王建军" not in html and "王*" not in html  # chose not to appear
    assert html.index("欧**娜") < html.index("李*")  # by approved hours
    assert ">3</td>" in html  # the 9 unapproved hours are not counted
    assert not PHONE.search(html)


def test_public_pages_show_no_full_name_or_phone(client, section, people):
    WishFactory(beneficiary="王秀兰", contact_name="王建国", contact_phone="13700001111")
    pages = [section.url, section.url + "leaderboard/", section.url + "wishes/"]
    for url in pages:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert not PHONE.search(html), url
        for name in ("欧阳娜娜", "王建军", "李明", "王秀兰", "王建国"):
            assert name not in html, (url, name)
    # The team's leader on the section page and the beneficiary are masked.
    assert "欧**娜" in client.get(section.url).content.decode()
    assert "王*兰" in client.get(section.url + "wishes/").content.decode()


def test_the_section_page_counts_volunteers_hours_and_wishes(client, section, people):
    WishFactory()
    html = client.get(section.url).content.decode()
    assert "<strong>3</strong> 名注册志愿者" in html
    assert "<strong>47</strong> 小时认定服务时长" in html
    assert "<strong>1</strong> 个微心愿等待认领" in html


def test_public_pages_are_the_same_for_a_volunteer_and_a_visitor(client, section, people):
    anonymous = client.get(section.url + "leaderboard/").content.decode()
    client.force_login(people["shown"].user)
    logged_in = client.get(section.url + "leaderboard/").content.decode()
    assert "csrfmiddlewaretoken" not in anonymous

    def body(html):
        return html.split("<main", 1)[1].split("</main>", 1)[0]

    assert body(anonymous) == body(logged_in)


def test_the_section_page_lives_under_the_home_page_only(section):
    from wagtail.models import Page

    from home.models import HomePage
    from volunteers.models import VolunteerIndexPage

    home = HomePage.objects.get()
    assert VolunteerIndexPage.can_exist_under(home)
    assert not VolunteerIndexPage.can_exist_under(Page.get_first_root_node())
    assert VolunteerIndexPage.can_create_at(home) is False  # only one section page
    assert VolunteerIndexPage.allowed_subpage_models() == []


def test_the_home_page_shows_the_figures_and_open_wishes_and_follows_approvals(
    client, section, people, boss, django_capture_on_commit_callbacks
):
    WishFactory(beneficiary="王秀兰", title="帮忙修理轮椅")
    html = client.get("/").content.decode()
    home = html[html.index('id="home-volunteers-title"') :]
    assert "已有 3 名注册志愿者，累计认定服务时长 47 小时，1 个微心愿等待认领" in home
    assert "帮忙修理轮椅" in home and "王*兰" in home and "王秀兰" not in home
    newcomer = VolunteerFactory(status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_volunteer(newcomer, boss)
    assert "已有 4 名注册志愿者" in client.get("/").content.decode()  # the cached page was purged


def test_the_home_page_has_no_volunteer_section_without_the_section_page(client, home_page):
    assert 'id="home-volunteers-title"' not in client.get("/").content.decode()
