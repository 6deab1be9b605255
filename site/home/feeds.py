from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import CommunitySettings
from core.site_url import absolute_url

FEED_SIZE = 20
# Notices carry a date, not a time; the feed dates them at the start of office hours.
PUBLISH_TIME = time(8, 0)


class NoticeFeed(Feed):
    """RSS 2.0 feed of the latest notices of one notice index page."""

    language = "zh-cn"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        community = CommunitySettings.for_request(self.request)
        return _("%(name)s · %(title)s") % {"name": community.name, "title": self.index_page.title}

    # Whole links from the Site record (core/site_url.py), as calendar files
    # and e-mails have them, not from the Host header of the request.
    def link(self):
        return self.index_page.get_full_url(self.request)

    def feed_url(self):
        return absolute_url(self.request.path, self.request)

    def description(self):
        return _("社区发布的最新通知公告")

    def items(self):
        return self.index_page.notices()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, PUBLISH_TIME))
