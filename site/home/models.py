from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.admin_forms import PageForm
from core.blocks import RICH_TEXT_FEATURES, BodyBlock
from core.models import DocumentLink
from core.page_purge import site_root
from core.pagination import paginate
from core.sections import sections_for

NOTICES_PER_PAGE = 10
HOME_NOTICE_COUNT = 5
HOME_EVENT_COUNT = 5


class HomePage(Page):
    """The site's root page. It composes what the other apps publish."""

    intro = models.TextField(_("欢迎语"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["notices"] = (
            NoticePage.objects.live().public().in_display_order()[:HOME_NOTICE_COUNT]
        )
        context["notice_index"] = NoticeIndexPage.objects.live().public().first()
        context.update(upcoming_events())
        context["page_sections"] = sections_for("home")
        return context


def upcoming_events():
    """The next few event dates for the home page (home reads from events)."""
    from events.models import EventIndexPage, Occurrence

    return {
        "upcoming_events": list(
            Occurrence.objects.visible().upcoming().select_related("event")[:HOME_EVENT_COUNT]
        ),
        "event_index": EventIndexPage.objects.live().public().first(),
    }


class NoticeQuerySet(PageQuerySet):
    def in_display_order(self):
        """Pinned first, then newest first."""
        return self.order_by("-pinned", "-date", "-pk")


class NoticeIndexPage(RoutablePageMixin, Page):
    """通知公告: the paginated list of notices, pinned ones first, and their RSS feed."""

    intro = RichTextField(_("简介"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NoticePage"]
    max_count = 1

    class Meta:
        verbose_name = _("通知公告栏目")

    def notices(self):
        return NoticePage.objects.live().public().child_of(self).in_display_order()

    def get_cached_paths(self):
        """What a frontend cache holds of the list: every page of it and the feed."""
        pages = -(-self.notices().count() // NOTICES_PER_PAGE)
        return ["/", "/feed/"] + [f"/?page={number}" for number in range(2, pages + 1)]

    @path("")
    def index(self, request):
        page_obj = paginate(request, self.notices(), NOTICES_PER_PAGE)
        return self.render(
            request,
            context_overrides={"page_obj": page_obj, "page_sections": sections_for("notices")},
        )

    @path("feed/")
    def feed(self, request):
        from .feeds import NoticeFeed

        return NoticeFeed(self)(request)


class NoticePage(Page):
    """One notice (通知公告). Pinned notices stay at the top of every list."""

    date = models.DateField(_("发布日期"), default=timezone.localdate)
    pinned = models.BooleanField(
        _("置顶"), default=False, help_text=_("置顶的通知排在列表最前面。")
    )
    summary = models.TextField(
        _("摘要"), max_length=300, blank=True, help_text=_("显示在列表和订阅源中，300 字以内。")
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("pinned")], heading=_("发布")),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("附件"), label=_("附件")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("pinned"),
    ]

    base_form_class = PageForm
    parent_page_types = ["home.NoticeIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(NoticeQuerySet)()

    class Meta:
        verbose_name = _("通知公告")
        verbose_name_plural = _("通知公告")

    def cache_scope(self):
        """A notice is shown in its list (every page, the feed) and on the home
        page (core/page_purge.py)."""
        return [self.get_parent(), site_root(self)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = self.attachments.select_related("document")
        return context


class NoticeAttachment(DocumentLink):
    page = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(DocumentLink.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
