import pytest
from django.test import Client

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


def test_the_empty_form_is_served_from_the_shared_cache_to_visitors_and_members(
    client, notices, user
):
    assert client.get("/search/")["X-Page-Cache"] == "miss"
    anonymous = client.get("/search/")
    assert anonymous["X-Page-Cache"] == "hit"
    member = Client()
    member.force_login(user)
    for_member = member.get("/search/")
    assert for_member["X-Page-Cache"] == "hit" and for_member.content == anonymous.content
    assert "csrfmiddlewaretoken" not in anonymous.text


def test_results_are_rendered_for_each_request_and_never_kept(client, notices, user):
    client.force_login(user)
    for params in ({"q": "消防演练通知"}, {"q": "消防演练通知"}, {"type": "course"}):
        response = client.get("/search/", params)
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert "没有找到" in client.get("/search/", {"q": "消防演练通知"}).text
    NoticePageFactory(parent=notices[0].get_parent(), title="消防演练通知")
    assert "找到 1 条结果" in client.get("/search/", {"q": "消防演练通知"}).text
