"""志愿服务: the public section page (under the home page, in the main menu)
with the leaderboard and the micro-wishes as routes. Each route renders the
page itself and is cached whole for anonymous visitors, the same for
everyone; services purge the cache when what it shows changes."""

from decimal import Decimal

from django.db.models import F, Func, IntegerField, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.blocks import RICH_TEXT_FEATURES
from core.pagination import paginate

from .people import STAR_THRESHOLDS, ServiceArea, Team, Volunteer, star_level
from .records import RecordStatus, ServiceRecord
from .wishes import PUBLIC_STATUSES, Wish, WishStatus

WISHES_PER_PAGE = 20


FIGURES = ("volunteer_count", "hours_total", "open_wishes")


def _scalar(queryset, function, field, output_field):
    """``SELECT function(field) FROM …`` as a subquery of another query."""
    value = Func(F(field), function=function, output_field=output_field)
    return Subquery(queryset.order_by().values(value=value))


def figure_expressions():
    """What the section page and the home page show everyone: approved
    volunteers, approved hours and wishes waiting for a volunteer, as
    annotations, so that one query reads all three with the page."""
    hours = ServiceRecord._meta.get_field("hours")
    approved = ServiceRecord.objects.filter(status=RecordStatus.APPROVED)
    return {
        "volunteer_count": _scalar(Volunteer.objects.approved(), "COUNT", "pk", IntegerField()),
        "hours_total": Coalesce(
            _scalar(approved, "SUM", "hours", hours), Value(Decimal("0")), output_field=hours
        ),
        "open_wishes": _scalar(
            Wish.objects.filter(status=WishStatus.OPEN), "COUNT", "pk", IntegerField()
        ),
    }


def public_figures(page):
    """The figures for the section page ``page``, in one query."""
    queryset = VolunteerIndexPage.objects.filter(pk=page.pk).annotate(**figure_expressions())
    return queryset.values(*FIGURES).get()


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
        return self.render(
            request,
            context_overrides={
                "areas": ServiceArea.objects.filter(active=True),
                "teams": Team.objects.with_member_count(),
                **public_figures(self),
            },
        )

    @path("leaderboard/")
    def leaderboard(self, request):
        """光荣榜: masked names only, of volunteers who chose to appear."""
        rows = [
            {
                "rank": rank,
                "name": volunteer.masked_name,
                "team": volunteer.team.name if volunteer.team else "",
                "hours": volunteer.hours,
                "stars": star_level(volunteer.hours),
            }
            for rank, volunteer in enumerate(Volunteer.objects.on_leaderboard(), start=1)
        ]
        return self.render(
            request,
            template="volunteers/leaderboard.html",
            context_overrides={"rows": rows, "thresholds": STAR_THRESHOLDS},
        )

    @path("wishes/")
    def wishes(self, request):
        status = request.GET.get("status", "")
        return self.render(
            request,
            template="volunteers/wish_list.html",
            context_overrides={
                "page_obj": paginate(request, Wish.objects.on_the_board(status), WISHES_PER_PAGE),
                "statuses": [(choice, choice.label) for choice in PUBLIC_STATUSES],
                "selected_status": status,
            },
        )
