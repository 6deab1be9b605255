"""The public site in a real browser: a 360 px phone, keyboard only, the
reading aids of the elder-friendly mode (every mode and text size of every
page type: test_every_text_size.py)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from core.models import CommunitySettings
from home.models import NoticeAttachment
from tests.home.factories import NoticeIndexPageFactory, NoticePageFactory, make_site_home

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LONG_BODY = [
    {"type": "heading", "value": {"text": "学习安排", "level": "h2"}},
    {
        "type": "paragraph",
        "value": "<p>学习时间一般安排在每月第二周的周三上午，地点为社区党群服务中心三楼远教活动室。</p>",
    },
    {
        "type": "paragraph",
        "value": "<p>行动不便的老党员由所在网格的网格员送学上门；在外务工的流动党员可通过电话参加学习。</p>",
    },
]


@pytest.fixture
def urls(live_server):
    home = make_site_home(intro="欢迎来到幸福里社区党群服务网站。")
    settings = CommunitySettings.for_site(home.get_site())
    settings.name = "幸福里社区"
    settings.address = "四川省绵阳市涪城区幸福路 88 号"
    settings.phone = "0816-2345678"
    settings.save()
    index = NoticeIndexPageFactory(parent=home)
    for day in range(1, 13):
        NoticePageFactory(
            parent=index,
            title=f"社区通知第 {day} 号",
            date=datetime.date(2026, 11, day),
            pinned=day == 3,
        )
    notice = NoticePageFactory(
        parent=index,
        title="关于开展远程教育学习的通知",
        body=LONG_BODY,
        summary="每月集中学习一次。",
    )
    document = get_document_model()(title="学习计划")
    document.file.save("plan.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    NoticeAttachment.objects.create(page=notice, document=document)
    base = live_server.url
    return {
        "home": f"{base}/",
        "notices": f"{base}{index.url}",
        "notice": f"{base}{notice.url}",
        "search": f"{base}/search/?q=%E9%80%9A%E7%9F%A5",
        "login": f"{base}/accounts/login/",
        "not_found": f"{base}/no-such-page/",
    }


def _switch(tab, label):
    tab.get_by_role("button", name=label).click()


def _style(tab, selector, prop):
    return tab.eval_on_selector(selector, f"el => parseFloat(getComputedStyle(el)['{prop}'])")


def test_elder_mode_persists_across_pages_and_meets_the_spacing_rules(tab, urls):
    tab.goto(urls["notice"])
    normal_size = _style(tab, ".rich-text p", "fontSize")
    _switch(tab, "适老模式")
    assert tab.get_by_role("button", name="适老模式").get_attribute("aria-pressed") == "true"

    tab.goto(urls["notices"])
    tab.goto(urls["notice"])
    assert "elder" in tab.eval_on_selector("html", "el => el.className")
    size = _style(tab, ".rich-text p", "fontSize")
    line = _style(tab, ".rich-text p", "lineHeight")
    gap = _style(tab, ".rich-text p", "marginBottom")
    assert size >= normal_size * 1.2
    assert line >= 1.3 * size
    assert gap >= 1.3 * line
    assert tab.get_by_role("button", name="适老模式").get_attribute("aria-pressed") == "true"


def test_text_size_steps_up_and_down_and_is_remembered(tab, urls):
    tab.goto(urls["home"])
    start = _style(tab, "html", "fontSize")
    _switch(tab, "字号增大")
    _switch(tab, "字号增大")
    tab.goto(urls["notices"])
    bigger = _style(tab, "html", "fontSize")
    assert bigger > start
    _switch(tab, "字号减小")
    assert _style(tab, "html", "fontSize") < bigger


def test_high_contrast_is_remembered_and_announced_by_state_not_colour(tab, urls):
    tab.goto(urls["home"])
    _switch(tab, "高对比度")
    tab.goto(urls["notice"])
    button = tab.get_by_role("button", name="高对比度")
    assert button.get_attribute("aria-pressed") == "true"
    assert "contrast" in tab.eval_on_selector("html", "el => el.className")
    assert (
        tab.eval_on_selector("body", "el => getComputedStyle(el).backgroundColor") == "rgb(0, 0, 0)"
    )


def test_keyboard_alone_reaches_the_content_and_the_reading_aids(tab, urls):
    tab.goto(urls["notice"])
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "跳到主要内容"
    tab.keyboard.press("Enter")
    assert tab.evaluate("location.hash") == "#main"
    tab.goto(urls["notice"])
    for _ in range(40):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.textContent.trim()") == "适老模式":
            break
    else:
        pytest.fail("the elder-mode button cannot be reached with Tab")
    tab.keyboard.press("Space")
    assert "elder" in tab.eval_on_selector("html", "el => el.className")
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible


def test_read_aloud_speaks_the_main_text_in_chinese(tab, urls):
    tab.add_init_script(
        """
        window.__spoken = [];
        const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
        window.speechSynthesis.speak = (u) => { window.__spoken.push({text: u.text, lang: u.lang}); };
        """
    )
    tab.goto(urls["notice"])
    button = tab.get_by_role("button", name="朗读正文")
    button.click()
    spoken = tab.evaluate("window.__spoken")
    assert spoken and all(item["lang"] == "zh-CN" for item in spoken)
    text = "".join(item["text"] for item in spoken)
    assert "关于开展远程教育学习的通知" in text and "送学上门" in text
    assert tab.get_by_role("button", name="停止朗读").get_attribute("aria-pressed") == "true"
    tab.get_by_role("button", name="停止朗读").click()
    assert tab.get_by_role("button", name="朗读正文").get_attribute("aria-pressed") == "false"


NO_VOICE = "这个浏览器没有中文语音，不能朗读"


def test_read_aloud_says_in_chinese_when_the_browser_has_no_voice_at_all(tab, urls):
    """Debian's headless Chromium has no speech voices: speaking fails."""
    tab.goto(urls["notice"])
    if tab.evaluate("speechSynthesis.getVoices().length"):
        pytest.skip("this Chromium has speech voices")
    tab.get_by_role("button", name="朗读正文").click()
    status = tab.locator("[data-read-aloud-status]")
    status.filter(has_text=NO_VOICE).wait_for()
    assert status.get_attribute("aria-live") == "polite"
    assert status.is_visible()
    button = tab.get_by_role("button", name="朗读正文")
    assert button.get_attribute("aria-pressed") == "false"


def test_read_aloud_says_in_chinese_when_the_browser_has_only_other_languages(tab, urls):
    tab.add_init_script(
        """
        window.__spoken = [];
        window.speechSynthesis.getVoices = () => [{lang: "en-US", name: "English"}];
        window.speechSynthesis.speak = (u) => { window.__spoken.push(u.text); };
        """
    )
    tab.goto(urls["notice"])
    tab.get_by_role("button", name="朗读正文").click()
    assert NO_VOICE in tab.locator("[data-read-aloud-status]").inner_text()
    assert tab.evaluate("window.__spoken") == []
    assert tab.get_by_role("button", name="朗读正文").get_attribute("aria-pressed") == "false"
