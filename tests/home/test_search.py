import pytest

from home.views import MAX_QUERY_LENGTH, clean_query
from tests.home.factories import NoticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(notice_index):
    return [
        NoticePageFactory(parent=notice_index, title="冬季消防安全提示", summary="注意用电安全"),
        NoticePageFactory(parent=notice_index, title="老年大学报名", summary="书法 绘画 课程"),
    ]


def test_search_page_renders_for_an_anonymous_visitor(client, home_page):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "关键词" in response.content.decode()


def test_search_finds_a_published_notice(client, notices):
    html = client.get("/search/", {"q": "冬季消防安全提示"}).content.decode()
    assert "找到 1 条结果" in html
    assert notices[0].url in html


def test_search_says_so_in_chinese_when_nothing_matches(client, notices):
    html = client.get("/search/", {"q": "不存在的内容"}).content.decode()
    assert "没有找到与“不存在的内容”相关的内容" in html


def test_unpublished_notices_are_not_found(client, notices):
    notices[0].unpublish()
    html = client.get("/search/", {"q": "冬季消防安全提示"}).content.decode()
    assert notices[0].url not in html


def test_over_long_query_is_cut_with_a_notice_not_an_error(client, notices):
    response = client.get("/search/", {"q": "消防" * 500})
    assert response.status_code == 200
    assert f"搜索词过长，已按前 {MAX_QUERY_LENGTH} 个字搜索" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "消防\x00安全"},
        {"q": "书法", "type": "no-such-type"},
        {"q": "书法", "page": "zz"},
        {"q": "   "},
    ],
)
def test_odd_search_requests_still_get_a_page(client, notices, params):
    assert client.get("/search/", params).status_code == 200


def test_type_filter_limits_results_to_that_type(client, notices):
    html = client.get("/search/", {"q": "老年大学报名", "type": "notice"}).content.decode()
    assert notices[1].url in html


def test_query_cleaning_drops_control_characters_and_squeezes_spaces():
    assert clean_query("  消防\x00 \t 安全 ") == ("消防 安全", False)
    assert clean_query("字" * (MAX_QUERY_LENGTH + 5)) == ("字" * MAX_QUERY_LENGTH, True)
