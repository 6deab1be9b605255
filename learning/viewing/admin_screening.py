"""放映 in the admin: the sessions to screen (today's and upcoming), the
full-screen screening page, the reports it sends, and each screening's
record (which courses it played, who is credited with them)."""

import datetime
import uuid

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core.admin_views import AdminScreen, PermissionRequired, Screen, ScreenViewSet
from core.errors import DomainError
from core.pagination import paginate
from learning.courses.models import CoursePage
from learning.study import scope

from .models import Screening
from .screening_media import course_media, playable_courses
from .services import screening as services
from .services.screening_credit import credited

URL_NAMESPACE = "viewing_screening"
SCREEN = services.SCREEN_SESSION


def url(name, *args):
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


def screenings_for(user):
    return Screening.objects.filter(session__in=scope.sessions_for(user).values("pk"))


class SessionView(PermissionRequired):
    permission_required = SCREEN

    def prepare(self, request, pk, **kwargs):
        self.session = scope.session_or_404(request.user, pk)


class ScreeningView(PermissionRequired):
    permission_required = SCREEN

    def prepare(self, request, pk, **kwargs):
        self.screening = (
            screenings_for(request.user).select_related("session", "started_by").filter(pk=pk)
        ).first()
        if self.screening is None:
            raise Http404


def _answer(error=None, status=200, **data):
    if error is not None:
        return JsonResponse({"error": error}, status=400)
    return JsonResponse(data, status=status)


class IndexView(AdminScreen, TemplateView):
    permission_required = SCREEN
    header_icon = "media"
    page_title = gettext_lazy("放映学习会")
    template_name = "viewing/screening/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        midnight = datetime.datetime.combine(
            today, datetime.time.min, tzinfo=timezone.get_current_timezone()
        )
        sessions = (
            scope.sessions_for(self.request.user)
            .live()
            .filter(end__gte=midnight)
            .prefetch_related("branches")
            .order_by("start", "pk")
        )
        context.update(
            sessions=paginate(self.request, sessions, 20),
            today=today,
            screenings=screenings_for(self.request.user)
            .select_related("session", "started_by")
            .order_by("-started_at", "-pk")[:20],
        )
        return context


class PlayView(SessionView, View):
    """The screening page: a plain full-screen page for the room's screen."""

    def get(self, request, pk):
        session = self.session
        return render(
            request,
            "viewing/screening/play.html",
            {
                "session": session,
                "branches": [branch.name for branch in session.branches.all()],
                "courses": playable_courses(session),
                "token": uuid.uuid4(),
                "urls": {
                    "start": url("start", session.pk),
                    "number": url("number", session.pk),
                    "back": url("index"),
                },
            },
        )


class StartView(SessionView, View):
    def post(self, request, pk):
        try:
            token = uuid.UUID(request.POST.get("token", ""))
        except ValueError:
            return _answer(_("放映标识不正确。"))
        try:
            screening = services.start_screening(request.user, self.session, token)
        except DomainError as error:
            return _answer(error.message)
        return _answer(
            screening=screening.pk,
            course=url("course", screening.pk),
            end=url("end", screening.pk),
            record=url("record", screening.pk),
        )


class NumberView(SessionView, View):
    """A course by its 点播本 number (GET ``?n=``): its title to confirm and
    what the page needs to play it."""

    def get(self, request, pk):
        try:
            course = services.course_by_number(request.GET.get("n", ""))
        except DomainError as error:  # an answer, not a refused request
            return JsonResponse({"error": error.message})
        return _answer(course=course_media(course))


def _int(value):
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 9 else None


class CourseReportView(ScreeningView, View):
    """The page plays (or finished, ``done=1``) a course: ``order``,
    ``course`` (its id), ``picked=1`` for one picked by number, ``seconds``."""

    def post(self, request, pk):
        data = request.POST
        course = CoursePage.objects.live().filter(pk=_int(data.get("course"))).first()
        order = _int(data.get("order"))
        try:
            seconds = float(data.get("seconds", "0"))
        except ValueError:
            seconds = -1
        if course is None or order is None:
            return _answer(_("放映报告不完整。"))
        try:
            row = services.report_course(
                request.user,
                self.screening,
                order=order,
                course=course,
                seconds=seconds,
                picked=data.get("picked") == "1",
                done=data.get("done") == "1",
            )
        except DomainError as error:
            return _answer(error.message)
        return _answer(order=row.order, completed=row.completed)


class EndView(ScreeningView, View):
    """The end (also the page's beacon on pagehide): the course playing, if
    named, is reported first, then the screening is closed."""

    def post(self, request, pk):
        course = CoursePage.objects.live().filter(pk=_int(request.POST.get("course"))).first()
        order = _int(request.POST.get("order"))
        try:
            if course is not None and order is not None and not self.screening.finished:
                services.report_course(
                    request.user,
                    self.screening,
                    order=order,
                    course=course,
                    seconds=float(request.POST.get("seconds", "0")),
                    picked=request.POST.get("picked") == "1",
                    done=True,
                )
            screening = services.end_screening(request.user, self.screening)
        except ValueError:
            return _answer(_("播放秒数不正确。"))
        except DomainError as error:
            return _answer(error.message)
        return _answer(ended=True, record=url("record", screening.pk))


class RecordView(ScreeningView, AdminScreen, TemplateView):
    """One screening: the courses it played and who is credited with them."""

    header_icon = "media"
    template_name = "viewing/screening/record.html"

    def get_page_title(self):
        return _("放映记录：%(t)s") % {"t": self.screening.session.title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        screening = self.screening
        courses, rows = credited(
            screening, scope.session_branch_ids(screening.session, self.request.user)
        )
        context.update(
            screening=screening,
            shown=screening.shown.select_related("course").order_by("order"),
            credited_courses=courses,
            on_site=rows,
            run=getattr(screening, "run", None),
        )
        return context


class ScreeningScreens(ScreenViewSet):
    name = URL_NAMESPACE
    url_prefix = "viewing/screening"
    icon = "media"
    screens = (
        Screen("", IndexView, "index", gettext_lazy("放映学习会"), "media"),
        Screen("<id:pk>/", PlayView, "play"),
        Screen("<id:pk>/start/", StartView, "start"),
        Screen("<id:pk>/number/", NumberView, "number"),
        Screen("record/<id:pk>/", RecordView, "record"),
        Screen("record/<id:pk>/course/", CourseReportView, "course"),
        Screen("record/<id:pk>/end/", EndView, "end"),
    )
