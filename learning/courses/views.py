"""Public views of the course library (served by CourseIndexPage's routes and
cached whole for anonymous visitors) and the member's own views: the progress
endpoint the player talks to and "我的学习" (never cached)."""

import datetime
import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core import page_cache
from core.page_cache import exclude_from_cache
from core.pagination import paginate

from . import services
from .models import CourseCategory

PER_PAGE = 12
MY_COURSES_PER_PAGE = 20
ORDERS = {"newest": gettext_lazy("最新发布"), "popular": gettext_lazy("观看最多")}
MAX_REPORT_BYTES = 16 * 1024


def _order(request):
    """The sort order; anything unknown means newest first."""
    value = request.GET.get("sort", "")
    return value if value in ORDERS else "newest"


def library(request, index, category_slug=None, tag_slug=None):
    category = tag = None
    if category_slug is not None:
        category = get_object_or_404(CourseCategory, slug=category_slug)
    if tag_slug is not None:
        tag = services.course_tag(tag_slug)
        if tag is None:
            raise Http404
    order = _order(request)
    courses = services.library_courses(category=category, tag=tag, order=order)
    return TemplateResponse(
        request,
        "courses/course_index_page.html",
        {
            "page": index,
            "self": index,
            "categories": services.categories_with_courses(),
            "popular_tags": services.popular_tags(),
            "category": category,
            "tag": tag,
            "order": order,
            "orders": ORDERS.items(),
            "page_obj": paginate(request, courses, PER_PAGE),
        },
    )


def catalogue(request, index):
    """The 点播本 with today's date for the printout: the cached page expires
    at the next local midnight, so the date printed is always today's."""
    by_category = services.catalogue()
    today = timezone.localdate()
    midnight = datetime.datetime.combine(
        today + datetime.timedelta(days=1),
        datetime.time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    page_cache.expires_by(midnight)
    return TemplateResponse(
        request,
        "courses/catalogue.html",
        {
            "page": index,
            "self": index,
            "catalogue": by_category,
            "total": sum(len(courses) for _category, courses in by_category),
            "library_title": index.title,
            "print_date": today,
        },
    )


def _private_json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return exclude_from_cache(response)


def _progress_data(progress):
    if progress is None:
        return {"position": 0, "watched": 0, "percent": 0, "completed": False}
    return {
        "position": round(services.resume_position(progress), 2),
        "watched": round(progress.watched_seconds, 2),
        "percent": progress.percent(),
        "completed": progress.is_completed,
    }


@require_http_methods(["GET", "POST"])
def progress(request, course_id):
    """GET: where to resume and how much is watched (and a CSRF token for the
    reports); POST ``{"position": s, "segments": [[a, b], …]}``: a report.
    Only ever about the logged-in member's own progress."""
    course = get_object_or_404(services.live_courses(), pk=course_id)
    if not request.user.is_authenticated:
        if request.method == "POST":
            return _private_json({"error": _("请先登录，登录后才能记录学习进度。")}, status=403)
        return _private_json({"authenticated": False})

    if request.method == "GET":
        data = _progress_data(services.progress_of(request.user, course))
        data.update(authenticated=True, csrfToken=get_token(request))
        return _private_json(data)

    if len(request.body) > MAX_REPORT_BYTES:
        return _private_json({"error": _("进度报告过大，已忽略。")}, status=400)
    try:
        report = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deep
        report = None
    if not isinstance(report, dict):
        return _private_json({"error": _("进度报告格式不正确，已忽略。")}, status=400)
    try:
        record = services.record_progress(
            request.user,
            course,
            position=report.get("position"),
            segments=report.get("segments"),
        )
    except services.ProgressError as error:
        return _private_json({"error": error.message}, status=400)
    data = _progress_data(record)
    data["authenticated"] = True
    return _private_json(data)


@login_required
def my_courses(request):
    page_obj = paginate(request, services.my_progress(request.user), MY_COURSES_PER_PAGE)
    response = TemplateResponse(
        request,
        "courses/my_courses.html",
        {"page_obj": page_obj, "library": services.library_page()},
    )
    response["Cache-Control"] = "private, no-store"
    return response
