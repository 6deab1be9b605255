"""Routes of the section page ``VolunteerIndexPage``: the landing page, the
leaderboard and the wish list (cached whole for anonymous visitors, the
same for everyone, nothing personal in them).
"""

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse

from core.pagination import paginate

from .. import services
from ..models import (
    PUBLIC_STATUSES,
    STAR_THRESHOLDS,
    RecordStatus,
    ServiceArea,
    Team,
    Volunteer,
    VolunteerStatus,
    Wish,
    WishStatus,
    star_level,
)
from .common import PER_PAGE

LEADERBOARD_SIZE = 50


def landing(request, page):
    context = {
        "page": page,
        "self": page,
        "areas": ServiceArea.objects.filter(active=True),
        "teams": Team.objects.annotate(
            member_count=Count("members", filter=Q(members__status=VolunteerStatus.APPROVED))
        ).select_related("leader"),
        **services.public_figures(),
    }
    return TemplateResponse(request, "volunteers/volunteer_index_page.html", context)


def leaderboard_rows(limit=LEADERBOARD_SIZE):
    """Volunteers who chose to appear, by approved hours; masked names only."""
    volunteers = (
        Volunteer.objects.approved()
        .filter(show_on_leaderboard=True)
        .annotate(
            hours=Coalesce(
                Sum("records__hours", filter=Q(records__status=RecordStatus.APPROVED)),
                Value(0),
                output_field=DecimalField(),
            )
        )
        .filter(hours__gt=0)
        .select_related("team")
        .order_by("-hours", "pk")[:limit]
    )
    return [
        {
            "rank": rank,
            "name": volunteer.masked_name,
            "team": volunteer.team.name if volunteer.team else "",
            "hours": volunteer.hours,
            "stars": star_level(volunteer.hours),
        }
        for rank, volunteer in enumerate(volunteers, start=1)
    ]


def leaderboard(request, page):
    context = {
        "page": page,
        "self": page,
        "rows": leaderboard_rows(),
        "thresholds": STAR_THRESHOLDS,
    }
    return TemplateResponse(request, "volunteers/leaderboard.html", context)


def wish_list(request, page):
    wishes = Wish.objects.filter(status__in=PUBLIC_STATUSES).order_by(
        "status", "-moderated_at", "-pk"
    )
    status = request.GET.get("status", "")
    if status in (WishStatus.OPEN, WishStatus.CLAIMED, WishStatus.FULFILLED):
        wishes = wishes.filter(status=status)
    context = {
        "page": page,
        "self": page,
        "page_obj": paginate(request, wishes, PER_PAGE),
        "statuses": [
            (WishStatus.OPEN, WishStatus.OPEN.label),
            (WishStatus.CLAIMED, WishStatus.CLAIMED.label),
            (WishStatus.FULFILLED, WishStatus.FULFILLED.label),
        ],
        "selected_status": status,
    }
    return TemplateResponse(request, "volunteers/wish_list.html", context)
