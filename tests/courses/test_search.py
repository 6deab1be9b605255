"""Courses in the site search: words inside titles, tags and speakers, the
category filter and highlighted results, on the public page and in the admin."""

import pytest

from accounts import roles
from tests.accounts.factories import UserFactory
from tests.courses.factories import CoursePageFactory, category
from tests.home.factories import NoticePageFactory

pytestmark = pytest.mark.django_db

TITLES = {
    "基层党建工作学习：支部标准化规范化建设": "party-building",
    "党史学习教育专题：不忘初心 牢记使命": "party-building",
    "《民法典》与百姓生活：婚姻家庭篇": "policy",
    "城乡居民基本医疗保险政策解读": "policy",
    "蔬菜大棚种植技术": "technology",
    "智能手机使用入门：微信视频通话与网上办事": "technology",
    "防范电信网络诈骗": "science",
    "垃圾分类知识讲座": "science",
    "冬季老年人心脑血管疾病预防": "culture-health",
    "八段锦健身操教学": "culture-health",
}


@pytest.fixture
def courses(library):
    return {
        title: CoursePageFactory(parent=library, title=title, category=category(slug))
        for title, slug in TITLES.items()
    }


def results(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("党建", "基层党建工作学习：支部标准化规范化建设"),
        ("支部", "基层党建工作学习：支部标准化规范化建设"),
        ("党史", "党史学习教育专题：不忘初心 牢记使命"),
        ("民法典", "《民法典》与百姓生活：婚姻家庭篇"),
        ("医保", None),  # not a word in any title: nothing invented
        ("医疗保险", "城乡居民基本医疗保险政策解读"),
        ("种植", "蔬菜大棚种植技术"),
        ("大棚", "蔬菜大棚种植技术"),
        ("智能手机", "智能手机使用入门：微信视频通话与网上办事"),
        ("诈骗", "防范电信网络诈骗"),
        ("垃圾分类", "垃圾分类知识讲座"),
        ("心脑血管", "冬季老年人心脑血管疾病预防"),
        ("老年人", "冬季老年人心脑血管疾病预防"),
        ("八段锦", "八段锦健身操教学"),
    ],
)
def test_chinese_words_inside_course_titles_are_found(client, courses, query, expected):
    page = results(client, q=query, type="course")
    if expected is None:
        assert "没有找到" in page
    else:
        assert courses[expected].url in page


def test_a_course_is_found_by_its_tag_and_speaker(client, library):
    course = CoursePageFactory(
        parent=library, title="大讲堂第三讲", speaker="农技员赵明", tag_names=["病虫害防治"]
    )
    assert course.url in results(client, q="病虫害")
    assert course.url in results(client, q="赵明")


def test_search_results_are_highlighted(client, courses):
    page = results(client, q="种植")
    assert "蔬菜大棚<mark>种植</mark>技术" in page


def test_highlighting_escapes_html(client, library):
    CoursePageFactory(parent=library, title="<b>种植</b> & 养殖")
    page = results(client, q="种植")
    assert "&lt;b&gt;<mark>种植</mark>&lt;/b&gt; &amp; 养殖" in page


def test_the_category_filter_limits_results_to_courses_of_that_category(
    client, courses, notice_index
):
    notice = NoticePageFactory(parent=notice_index, title="老年人健康讲座通知")
    page = results(client, q="老年人", category="culture-health")
    assert courses["冬季老年人心脑血管疾病预防"].url in page
    assert notice.url not in page
    assert courses["智能手机使用入门：微信视频通话与网上办事"].url not in page


def test_the_type_filter_separates_courses_and_notices(client, courses, notice_index):
    notice = NoticePageFactory(parent=notice_index, title="种植技术培训报名通知")
    mixed = results(client, q="种植")
    assert notice.url in mixed and courses["蔬菜大棚种植技术"].url in mixed
    only_courses = results(client, q="种植", type="course")
    assert notice.url not in only_courses


def test_an_unknown_category_filter_is_ignored(client, courses):
    assert courses["蔬菜大棚种植技术"].url in results(client, q="种植", category="nope")


def test_the_admin_page_search_finds_a_course_by_a_word_inside(client, courses):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    response = client.get("/admin/pages/search/", {"q": "党建"})
    assert "基层党建工作学习" in response.content.decode()


def test_adjacent_words_are_marked_as_one(client, courses):
    page = results(client, q="蔬菜大棚")
    assert "<mark>蔬菜大棚</mark>种植技术" in page
