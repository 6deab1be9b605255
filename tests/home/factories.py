import datetime

import factory
import wagtail_factories
from wagtail.models import Page, Site

from core.models import CommunitySettings
from home.models import HomePage, NoticeIndexPage, NoticePage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "首页"
    slug = factory.Sequence(lambda n: f"home-{n}")
    intro = "欢迎来到测试社区"


class NoticeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NoticeIndexPage

    title = "通知公告"
    slug = "notices"
    show_in_menus = True


class NoticePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NoticePage

    title = factory.Sequence(lambda n: f"测试通知 {n}")
    slug = factory.Sequence(lambda n: f"notice-{n}")
    date = factory.LazyFunction(lambda: datetime.date(2026, 11, 1))
    summary = "通知摘要"
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>通知正文内容。</p>"}])


def make_site_home(**kwargs):
    """A HomePage as the root of the default site, as load_demo arranges it."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, **kwargs)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    CommunitySettings.for_site(site)  # created now, not by the first page view
    return home
