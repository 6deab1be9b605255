"""志愿服务: the public section page (under the home page, in the main menu)
with the leaderboard and the micro-wishes as routes. Cached whole for
anonymous visitors; services purge the cache when what it shows changes."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.blocks import RICH_TEXT_FEATURES


class VolunteerIndexPage(RoutablePageMixin, Page):
    intro = RichTextField(_("简介"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "volunteers/volunteer_index_page.html"

    class Meta:
        verbose_name = _("志愿服务栏目")

    @path("")
    def landing(self, request):
        from volunteers import views

        return views.landing(request, self)

    @path("leaderboard/")
    def leaderboard(self, request):
        from volunteers import views

        return views.leaderboard(request, self)

    @path("wishes/")
    def wishes(self, request):
        from volunteers import views

        return views.wish_list(request, self)
