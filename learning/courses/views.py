"""The member's own views, never cached: the progress endpoint the player
talks to and "我的学习". The library's public pages are routes of
``CourseIndexPage`` (models.py), cached whole for anonymous visitors."""

import json

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.backends import session_user_id, user_already_read
from core.http import private
from core.pagination import paginate
from core.personal_parts import personal_part

from . import services
from .models import CourseIndexPage, CoursePage, CourseProgress

MY_COURSES_PER_PAGE = 20
MAX_REPORT_BYTES = 16 * 1024


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _progress_data(progress):
    if progress is None:
        return {"position": 0, "watched": 0, "percent": 0, "completed": False}
    return {
        "position": round(progress.resume_position(), 2),
        "watched": round(progress.watched_seconds, 2),
        "percent": progress.percent(),
        "completed": progress.is_completed,
    }


@personal_part
@private
@require_http_methods(["GET", "POST"])
def progress(request, course_id):
    """GET: where to resume and how much is watched (and a CSRF token for the
    reports); POST ``{"position": s, "segments": [[a, b], …]}``: a report.
    Only ever about the logged-in member's own progress."""
    if request.method == "POST":
        return _report(request, course_id)
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    if not request.user.is_authenticated:
        return _json({"authenticated": False})
    data = _progress_data(CourseProgress.objects.filter(user=request.user, course=course).first())
    data.update(authenticated=True, csrfToken=get_token(request))
    return _json(data)


def _report(request, course_id):
    """A report costs two queries once the member has progress on the course:
    the progress row read with its member and course (which also makes
    ``request.user``), and one UPDATE. The first report takes the long way."""
    progress = services.progress_for_report(session_user_id(request), course_id)
    with user_already_read(progress.user if progress else None):
        authenticated = request.user.is_authenticated
    if not authenticated:
        return _json({"error": _("请先登录，登录后才能记录学习进度。")}, status=403)
    if len(request.body) > MAX_REPORT_BYTES:
        return _json({"error": _("进度报告过大，已忽略。")}, status=400)
    try:
        report = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deep
        report = None
    if not isinstance(report, dict):
        return _json({"error": _("进度报告格式不正确，已忽略。")}, status=400)
    fields = {"position": report.get("position"), "segments": report.get("segments")}
    try:
        if progress is not None and progress.user_id == request.user.pk:
            record = services.record_report(request.user, progress, **fields)
        else:
            course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
            record = services.record_progress(request.user, course, **fields)
    except services.ProgressError as error:
        return _json({"error": error.message}, status=400)
    data = _progress_data(record)
    data["authenticated"] = True
    return _json(data)


@private
@login_required
def my_courses(request):
    page_obj = paginate(
        request, CourseProgress.objects.of_member(request.user), MY_COURSES_PER_PAGE
    )
    return TemplateResponse(
        request,
        "courses/my_courses.html",
        {"page_obj": page_obj, "library": CourseIndexPage.objects.live().public().first()},
    )
