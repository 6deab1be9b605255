"""The events section page (``EventIndexPage``): the list of dates to come
and past, the month calendar and the calendar feeds. Each route renders the
page itself and is cached whole for anonymous visitors; the queries are
``Occurrence.objects`` and ``EventPage.objects`` methods."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, get_page_models

from core.blocks import RICH_TEXT_FEATURES
from core.dates import WEEKDAY_LABELS
from core.pagination import paginate
from core.sections import sections_for

from .. import calendar_grid
from ..ics import calendar_for, ics_response
from .choices import EventKind
from .occurrences import Occurrence
from .pages import EventPage

# Dates per page of the event list (and of "我的报名").
EVENTS_PER_PAGE = 20
MONTH_FORMAT_MESSAGE = _("月份格式不正确，应为“年-月”，例如 2026-11（2000 年到 2100 年之间）。")


class EventIndexPage(RoutablePageMixin, Page):
    """社区活动: upcoming list, month calendar, past events and calendar feeds
    of every event on the site (subclasses of EventPage included)."""

    intro = RichTextField(_("简介"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("社区活动栏目")

    @classmethod
    def clean_subpage_models(cls):
        """Wagtail's ``subpage_types``, computed: every page type built on
        ``EventPage``. Which of them may be added here is then decided, as
        Wagtail always does, by each one's own ``parent_page_types``, so a
        study session or a volunteer activity comes here because it says so,
        and this list never names the apps that build on events."""
        return [model for model in get_page_models() if issubclass(model, EventPage)]

    def get_cached_paths(self):
        """What a frontend cache holds: the lists, this month's calendar, the feeds."""
        feeds = [f"/feed/{kind}/" for kind in EventKind.values]
        return ["/", "/past/", "/calendar/", "/feed/", *feeds]

    @staticmethod
    def selected_kind(request):
        """The ``?kind=`` filter, or None: unknown values are ignored (no filter)."""
        value = request.GET.get("kind", "")
        return value if value in EventKind.values else None

    def _render_view(self, request, view, kind, template=None, **context):
        overrides = {"kinds": EventKind.choices, "selected_kind": kind, "view": view, **context}
        return self.render(request, template=template, context_overrides=overrides)

    def _dates(self, request, *, past):
        kind = self.selected_kind(request)
        occurrences = Occurrence.objects.listed(kind=kind, past=past)
        return self._render_view(
            request,
            "past" if past else "upcoming",
            kind,
            page_obj=paginate(request, occurrences, EVENTS_PER_PAGE),
        )

    @path("")
    def upcoming(self, request):
        return self._dates(request, past=False)

    @path("past/")
    def past(self, request):
        return self._dates(request, past=True)

    @path("calendar/")
    def calendar(self, request):
        kind = self.selected_kind(request)
        first = calendar_grid.parse_month(request.GET.get("month"))
        if first is None:
            response = self.render(
                request,
                template="events/bad_request.html",
                context_overrides={"message": MONTH_FORMAT_MESSAGE},
            )
            response.status_code = 400
            return response
        begin, finish = calendar_grid.grid_range(first)
        weeks = calendar_grid.month_weeks(
            first, list(Occurrence.objects.in_calendar(begin, finish, kind=kind))
        )
        return self._render_view(
            request,
            "calendar",
            kind,
            template="events/calendar.html",
            month=first,
            weeks=weeks,
            days_with_events=[
                day for week in weeks for day in week if day.in_month and day.occurrences
            ],
            previous_month=calendar_grid.shift_month(first, -1),
            next_month=calendar_grid.shift_month(first, 1),
            weekday_names=WEEKDAY_LABELS,
            page_sections=sections_for("calendar"),
        )

    def _feed(self, request, kind):
        events = list(EventPage.objects.in_feed(kind=kind))
        cancelled = Occurrence.objects.filter(event__in=events).cancelled_days()
        name = self.title if not kind else f"{self.title} · {EventKind(kind).label}"
        calendar = calendar_for(events, name, request, cancelled)
        return ics_response(calendar, f"events-{kind or 'all'}.ics")

    @path("feed/")
    def feed(self, request):
        return self._feed(request, kind=None)

    @path("feed/<str:kind>/")
    def kind_feed(self, request, kind):
        if kind not in EventKind.values:
            raise Http404
        return self._feed(request, kind)
