"""The library page (课程库, with its routes) and the course pages (课件)."""

import datetime

from django.core.files.storage import default_storage
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from core import page_cache
from core.admin_forms import PageForm
from core.blocks import RICH_TEXT_FEATURES, BodyBlock
from core.models import DocumentLink
from core.page_purge import Subtree, site_root
from core.pagination import paginate

from ..querysets import CourseQuerySet
from ..validators import validate_webvtt
from .categories import CourseCategory

COURSES_PER_PAGE = 12
LIBRARY_ORDERS = {"newest": _("最新发布"), "popular": _("观看最多")}


class CourseTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("课程标签")
        verbose_name_plural = _("课程标签")


class CourseIndexPage(RoutablePageMixin, Page):
    """课程库: every course, by category or tag, newest or most watched, and the
    printable on-demand catalogue (点播本)."""

    intro = RichTextField(_("简介"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("课程库")

    @staticmethod
    def selected_order(request):
        """The ``?sort=`` order; anything unknown means newest first."""
        value = request.GET.get("sort", "")
        return value if value in LIBRARY_ORDERS else "newest"

    def _library(self, request, *, category=None, tag=None):
        order = self.selected_order(request)
        live = CoursePage.objects.live().public()
        courses = live.in_library(category=category, tag=tag, order=order)
        return self.render(
            request,
            context_overrides={
                "categories": CourseCategory.objects.with_course_count(live),
                "popular_tags": live.popular_tags(),
                "category": category,
                "tag": tag,
                "order": order,
                "orders": LIBRARY_ORDERS.items(),
                "page_obj": paginate(request, courses, COURSES_PER_PAGE),
            },
        )

    @path("")
    def library(self, request):
        return self._library(request)

    @path("category/<slug:slug>/")
    def category(self, request, slug):
        return self._library(request, category=get_object_or_404(CourseCategory, slug=slug))

    @path("tag/<str:tag>/")
    def tag(self, request, tag):
        found = CoursePage.objects.tag_in_use(tag)
        if found is None:
            raise Http404
        return self._library(request, tag=found)

    @path("catalogue/")
    def catalogue(self, request):
        """The 点播本 with today's date for the printout: the cached page
        expires at the next local midnight, so the date printed is always today's."""
        by_category = CoursePage.objects.live().public().by_category()
        today = timezone.localdate()
        page_cache.expires_by(
            datetime.datetime.combine(
                today + datetime.timedelta(days=1),
                datetime.time.min,
                tzinfo=timezone.get_current_timezone(),
            )
        )
        return self.render(
            request,
            template="courses/catalogue.html",
            context_overrides={
                "catalogue": by_category,
                "total": sum(len(courses) for _category, courses in by_category),
                "library_title": self.title,
                "print_date": today,
            },
        )


class CoursePage(Page):
    """One course (课件): a video and/or documents, with speaker and duration."""

    category = models.ForeignKey(
        CourseCategory,
        verbose_name=_("分类"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    tags = ClusterTaggableManager(
        through=CourseTag,
        verbose_name=_("标签"),
        blank=True,
        help_text=_("用逗号或回车分隔多个标签，例如：种植, 农业技术。"),
    )
    speaker = models.CharField(_("主讲人"), max_length=60, blank=True)
    summary = models.TextField(
        _("简介"),
        max_length=300,
        blank=True,
        help_text=_("显示在课程列表和搜索结果中，300 字以内。"),
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True)
    video = models.ForeignKey(
        "wagtailvideos.Video",
        verbose_name=_("视频"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duration = models.DurationField(
        _("时长"),
        null=True,
        blank=True,
        help_text=_(
            "选择视频后自动从视频文件读取，无需填写；只有没有视频或无法读取时长时才需要手动填写，格式为 时:分:秒，例如 1:05:00。"
        ),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("留空则使用从视频中截取的画面。"),
    )
    catalogue_number = models.PositiveIntegerField(
        _("点播编号"),
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("首次发布时自动编号，印在点播本上，以后不再改变。"),
    )
    subtitle = models.FileField(
        _("中文字幕（WebVTT）"),
        upload_to="course_subtitles/",
        blank=True,
        validators=[validate_webvtt],
        help_text=_("可选，.vtt 格式的中文字幕文件。"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("tags"), FieldPanel("speaker")],
            heading=_("分类与主讲"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("video"),
                FieldPanel("duration"),
                FieldPanel("poster"),
                FieldPanel("subtitle"),
            ],
            heading=_("视频"),
        ),
        FieldPanel("body"),
        InlinePanel("documents", heading=_("课件资料"), label=_("资料")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("speaker"),
        index.SearchField("body"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("category"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = []
    base_form_class = PageForm
    exclude_fields_in_copy = ["catalogue_number"]  # a copy is another course

    objects = PageManager.from_queryset(CourseQuerySet)()

    class Meta:
        verbose_name = _("课程")
        verbose_name_plural = _("课程")

    def clean(self):
        super().clean()
        from ..services import fill_duration_from_video

        fill_duration_from_video(self)

    def save(self, *args, **kwargs):
        """A course gets its 点播本 number the first time it goes live and
        keeps it for good: an instance without one (a draft, an older
        revision being published) never overwrites the number it has."""
        update_fields = kwargs.get("update_fields")
        with transaction.atomic():
            if self.catalogue_number is None and self.pk:
                self.catalogue_number = (
                    CoursePage.objects.filter(pk=self.pk)
                    .values_list("catalogue_number", flat=True)
                    .first()
                )
            if self.catalogue_number is None and self.live:
                from ..services import next_catalogue_number

                self.catalogue_number = next_catalogue_number()
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "catalogue_number"}
            return super().save(*args, **kwargs)

    @property
    def duration_seconds(self):
        return self.duration.total_seconds() if self.duration else 0

    @property
    def poster_url(self):
        if self.poster_id:
            return self.poster.get_rendition("fill-960x540").url
        if self.video_id and self.video.thumbnail:
            return self.video.thumbnail.url
        return ""

    @property
    def hls_url(self):
        """The master playlist of the video's adaptive-streaming copies when
        they are made from its current file (courses/js/player.js plays it
        where the browser can), else ""."""
        ladder = getattr(self.video, "ladder", None) if self.video_id else None
        if ladder is None or not ladder.ready_for(self.video):
            return ""
        return default_storage.url(ladder.playlist_name)

    def subtitle_tracks(self):
        """Text tracks for the player: the page's Chinese subtitles, then any
        the video carries in the video library."""
        tracks = []
        if self.subtitle:
            tracks.append(
                {
                    "src": self.subtitle.url,
                    "kind": "subtitles",
                    "srclang": "zh-CN",
                    "label": _("中文字幕"),
                }
            )
        listing = getattr(self.video, "track_listing", None) if self.video_id else None
        if listing is not None:
            for track in listing.tracks.all():
                tracks.append(
                    {
                        "src": track.url,
                        "kind": track.kind,
                        "srclang": track.language,
                        "label": track.label or track.get_language_display(),
                    }
                )
        return tracks

    def load_shown_relations(self):
        """The category, poster and video (with its subtitle listing) the
        page shows, read in one query instead of one each. Only for the ids
        the page holds: an editor's preview may hold unsaved choices."""
        saved = (
            CoursePage.objects.select_related(
                "category", "poster", "video__track_listing", "video__ladder"
            )
            .filter(pk=self.pk)
            .first()
        )
        for name in ("category", "poster", "video"):
            own_id = getattr(self, f"{name}_id")
            if saved is not None and own_id and own_id == getattr(saved, f"{name}_id"):
                setattr(self, name, getattr(saved, name))

    def cache_scope(self):
        """A course is shown everywhere in the library (category and tag counts
        on every list), on study session pages and in 直播预告 (which name the
        tags "courses" and "sections"), and on the home page (core/page_purge.py)."""
        return [Subtree(self.get_parent()), site_root(self), "courses", "sections"]

    def get_context(self, request, *args, **kwargs):
        self.load_shown_relations()
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = self.documents.select_related("document")
        context["related_courses"] = CoursePage.objects.live().public().related_to(self)
        return context


class CourseDocument(DocumentLink):
    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="documents")

    class Meta(DocumentLink.Meta):
        verbose_name = _("课件资料")
        verbose_name_plural = _("课件资料")
