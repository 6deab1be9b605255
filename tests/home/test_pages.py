import datetime
import re

import pytest
from defusedxml import ElementTree as ET
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from home.models import HomePage, NoticeAttachment, NoticeIndexPage, NoticePage
from tests.home.factories import NoticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(home_page):
    from core.models import CommunitySettings

    settings = CommunitySettings.for_site(home_page.get_site())
    settings.name = "测试社区"
    settings.address = "幸福路 1 号"
    settings.phone = "0816-1234567"
    settings.save()
    return settings


def test_home_page_shows_the_community_and_its_latest_notices(client, community, notice_index):
    NoticePageFactory(parent=notice_index, title="冬季消防安全提示")
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-CN"' in html
    assert "测试社区" in html and "幸福路 1 号" in html and "0816-1234567" in html
    assert "冬季消防安全提示" in html


def test_notice_list_puts_pinned_notices_first_then_newest(client, notice_index):
    NoticePageFactory(
        parent=notice_index, title="旧的置顶", date=datetime.date(2026, 1, 1), pinned=True
    )
    NoticePageFactory(parent=notice_index, title="最新通知", date=datetime.date(2026, 11, 20))
    NoticePageFactory(parent=notice_index, title="较早通知", date=datetime.date(2026, 10, 1))
    html = client.get(notice_index.url).content.decode()
    positions = [html.index(t) for t in ("旧的置顶", "最新通知", "较早通知")]
    assert positions == sorted(positions)
    assert "置顶" in html


def test_notice_list_paginates_ten_a_page(client, notice_index):
    for day in range(1, 24):
        NoticePageFactory(
            parent=notice_index, title=f"第{day:02d}号通知", date=datetime.date(2026, 10, day)
        )
    first = client.get(notice_index.url).content.decode()
    third = client.get(notice_index.url + "?page=3").content.decode()
    assert "第23号通知" in first and "第13号通知" not in first
    assert "第 1 页，共 3 页" in first
    assert "第03号通知" in third and "第04号通知" not in third


@pytest.mark.parametrize("garbage", ["abc", "-1", "0", "99999", "1.5", "%00", "9" * 40])
def test_garbage_page_numbers_land_on_a_real_page(client, notice_index, garbage):
    NoticePageFactory(parent=notice_index, title="唯一的通知")
    response = client.get(f"{notice_index.url}?page={garbage}")
    assert response.status_code == 200
    assert "唯一的通知" in response.content.decode()


def test_notice_page_offers_its_attachments_as_downloads(client, notice_index):
    Document = get_document_model()
    document = Document(title="学习计划")
    document.file.save("plan.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    notice = NoticePageFactory(parent=notice_index, title="学习通知")
    NoticeAttachment.objects.create(page=notice, document=document, title="2026 学习计划")
    html = client.get(notice.url).content.decode()
    assert "2026 学习计划" in html and document.url in html

    download = client.get(document.url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_rss_feed_lists_the_latest_notices(client, community, notice_index):
    NoticePageFactory(
        parent=notice_index, title="第一条", summary="摘要一", date=datetime.date(2026, 11, 2)
    )
    NoticePageFactory(parent=notice_index, title="第二条", date=datetime.date(2026, 11, 3))
    response = client.get(notice_index.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "测试社区 · 通知公告"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["第二条", "第一条"]
    assert items[1].findtext("description") == "摘要一"
    root = notice_index.get_site().root_url  # the Site's address, not the request's Host
    assert items[0].findtext("link").startswith(root + notice_index.url)


@pytest.mark.parametrize(
    "path", ["feed/extra/", "feed/?page=abc&format=%ff", "feed.xml", "feed/%00/"]
)
def test_malformed_feed_requests_get_a_chinese_page_not_an_error(client, notice_index, path):
    response = client.get(notice_index.url + path)
    assert response.status_code in (200, 404)
    if response.status_code == 404:
        assert "页面不存在" in response.content.decode()


def test_unknown_url_gets_a_chinese_404_page(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_a_server_error_shows_a_chinese_page_without_a_traceback(client, settings, home_page):
    settings.ROOT_URLCONF = "tests.home.error_urls"
    client.raise_request_exception = False
    response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错了" in html
    assert "Traceback" not in html and "RuntimeError" not in html


def test_page_tree_rules_keep_notices_under_the_notice_list(home_page, notice_index):
    assert NoticePage.can_create_at(notice_index)
    assert not NoticePage.can_create_at(home_page)
    assert NoticeIndexPage.can_create_at(home_page) is False  # only one notice list
    assert HomePage.can_create_at(Page.get_first_root_node()) is False  # only one home page
    assert NoticePage.allowed_subpage_models() == []


def test_no_full_mobile_number_appears_on_public_pages(client, community, notice_index):
    from tests.accounts.factories import UserFactory

    owner = UserFactory(phone="13812345678", real_name="王编辑")
    NoticePageFactory(parent=notice_index, owner=owner, title="测试通知")
    mobile = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
    for url in ["/", notice_index.url, notice_index.url + "feed/", "/search/?q=测试"]:
        assert not mobile.search(client.get(url).content.decode()), url
