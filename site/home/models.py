from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.admin_forms import PageForm
from core.blocks import RICH_TEXT_FEATURES, BodyBlock
from core.models import DocumentLink
from core.page_cache import purge_when_saved
from core.pagination import paginate
from core.sections import sections_for

NOTICES_PER_PAGE = 10
HOME_NOTICE_COUNT = 5
HOME_EVENT_COUNT = 5

contact_phone_validator = RegexValidator(
    r"^[0-9()（）+\-\s转]{7,30}$",
    _("请输入电话号码，例如 0816-2345678 或 13812345678。"),
)


@register_setting(icon="site")
@purge_when_saved
class CommunitySettings(BaseSiteSetting):
    """The community's identity, shown in every page's header and footer."""

    name = models.CharField(_("社区名称"), max_length=60, default="示范社区")
    tagline = models.CharField(_("一句话介绍"), max_length=120, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(
        _("联系电话"),
        max_length=30,
        blank=True,
        validators=[contact_phone_validator],
        help_text=_("社区对外公开的办公电话，会显示在每个页面底部。"),
    )
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("标志"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    icp_number = models.CharField(_("ICP 备案号"), max_length=60, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("tagline"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("office_hours")],
            heading=_("联系方式"),
        ),
        FieldPanel("icp_number"),
    ]

    class Meta:
        verbose_name = _("社区信息")


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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = self.attachments.select_related("document")
        return context


class NoticeAttachment(DocumentLink):
    page = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(DocumentLink.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
