"""The 学习会 menu of the Wagtail admin: branches, grids, members, plans,
reflections and leave requests as viewsets (each scoped to the branches the
user administers, admin_scope), plus the roll call, import, plan overview
and ledger screens (admin_views, admin_reports). Also the answers to other
apps' hooks: who may come to a study session, and "我的学习会"."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from core import log_actions
from core.admin_views import AppViewSetGroup, Screen, ScreenViewSet
from core.sections import shown_on
from events.models import EventKind

from . import access, access_views, admin_reports, admin_views, personal_data, scope, services
from .admin_scope import ScopedViewSet, branch_filterset
from .log_actions import ACTIONS
from .models import (
    Branch,
    Grid,
    LeaveRequest,
    Member,
    PartyGroup,
    Reflection,
    StudyPlan,
    StudySession,
)


class BranchViewSet(ScopedViewSet):
    model = Branch
    branch_field = "pk"
    icon = "group"
    menu_label = _("支部")
    add_to_admin_menu = False
    list_display = ["name", "secretary", Column("member_count", label=_("党员人数"))]
    search_fields = ["name"]
    copy_view_enabled = False

    def get_queryset(self, request):
        from django.db.models import Count, Q

        return Branch.objects.annotate(
            member_count=Count("members", filter=Q(members__active=True))
        )

    def get_form_class(self, for_update=False):
        from .admin_forms import BranchForm

        return BranchForm


class GridViewSet(ModelViewSet):
    model = Grid
    icon = "site"
    menu_label = _("网格")
    add_to_admin_menu = False
    form_fields = ["name"]
    search_fields = ["name"]


class PartyGroupViewSet(ScopedViewSet):
    model = PartyGroup
    icon = "group"
    menu_label = _("党小组")
    add_to_admin_menu = False
    list_display = ["name", "branch", "leader", Column("member_count", label=_("党员人数"))]
    filterset_class = branch_filterset(PartyGroup, ["branch"])
    search_fields = ["name"]
    copy_view_enabled = False

    def get_queryset(self, request):
        from django.db.models import Count, Q

        return PartyGroup.objects.select_related("branch", "leader").annotate(
            member_count=Count("members", filter=Q(members__active=True))
        )

    def get_form_class(self, for_update=False):
        from .admin_forms import PartyGroupForm

        return PartyGroupForm


class MemberViewSet(ScopedViewSet):
    model = Member
    icon = "user"
    menu_label = _("党员")
    add_to_admin_menu = False
    form_fields = ["name", "phone", "branch", "party_group", "grid", "role", "status", "active"]
    list_display = [
        "name",
        "masked_phone",
        "branch",
        "party_group",
        "grid",
        "role",
        "status",
        "active",
    ]
    filterset_class = branch_filterset(Member, ["branch", "status", "grid", "active"])
    search_fields = ["name", "phone"]
    list_per_page = 50
    ordering = ["branch__sort_order", "branch__name", "name"]
    index_view_class = access_views.MemberIndexView  # 登录 column, 激活码 buttons

    def get_queryset(self, request):
        return access.with_access(Member.objects.select_related("branch", "grid", "party_group"))

    def get_form_class(self, for_update=False):
        from .admin_forms import MemberForm

        return MemberForm


class StudyPlanViewSet(ScopedViewSet):
    model = StudyPlan
    icon = "date"
    menu_label = _("学习计划（逐条）")
    add_to_admin_menu = False
    form_fields = ["branch", "month", "sessions_planned", "topic"]
    list_display = ["branch", "month", "sessions_planned", "topic"]
    filterset_class = branch_filterset(StudyPlan, ["branch"])
    # What other apps show beside the plan (register_study_plan_aside).
    create_template_name = "study/admin/plan_create.html"
    edit_template_name = "study/admin/plan_edit.html"

    def get_form_class(self, for_update=False):
        from .admin_forms import StudyPlanForm

        return StudyPlanForm


class ReflectionViewSet(ScopedViewSet):
    model = Reflection
    branch_field = "member__branch"
    icon = "comment"
    menu_label = _("学习心得审核")
    add_to_admin_menu = False
    # Its status changes only through the service (公开/不公开 on the
    # inspect screen), which logs who decided.
    form_fields = ["text", "rating"]
    list_display = ["member", "session", "rating", "status", "created_at"]
    list_filter = ["status"]
    inspect_view_enabled = True
    inspect_template_name = "study/admin/reflection_inspect.html"
    # Written by members, or recorded from the roll call (代录学习心得).
    add_view_enabled = False
    copy_view_enabled = False

    def get_queryset(self, request):
        return Reflection.objects.select_related("member", "session")


class LeaveRequestViewSet(ScopedViewSet):
    model = LeaveRequest
    branch_field = "member__branch"
    icon = "calendar-alt"
    menu_label = _("请假申请")
    add_to_admin_menu = False
    list_display = ["member", "session", "reason", "status", "created_at"]
    list_filter = ["status"]
    form_fields = ["reason"]
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_queryset(self, request):
        return LeaveRequest.objects.select_related("member", "session")


class StudyScreens(ScreenViewSet):
    """The roll call, decisions, import and export, the plan and the ledger."""

    name = admin_views.URL_NAMESPACE
    url_prefix = "study"
    icon = "tasks"
    screens = (
        Screen("plan/", admin_reports.PlanView, "plan", _("学习计划总览"), "date"),
        Screen("ledger/", admin_reports.LedgerView, "ledger", _("学习台账"), "table"),
        Screen("hours/short/", admin_reports.ShortOfTargetView, "short", _("学时未达标"), "time"),
        Screen("members/import/", admin_views.MemberImportView, "import", _("导入党员"), "upload"),
        Screen("ledger/export/", admin_reports.LedgerExportView, "ledger_export"),
        Screen("roll/<id:pk>/", admin_views.RollCallView, "roll"),
        Screen("roll/<id:pk>/sheet/", admin_views.RollSheetView, "sheet"),
        Screen("roll/<id:pk>/reflection/", admin_views.RecordReflectionView, "record_reflection"),
        Screen("leave/<id:pk>/<str:decision>/", admin_views.LeaveDecisionView, "leave"),
        Screen(
            "reflection/<id:pk>/<str:decision>/", admin_views.ModerateReflectionView, "moderate"
        ),
        Screen("members/import/template/", admin_views.ImportTemplateView, "import_template"),
        Screen("members/export/", admin_views.MemberExportView, "export"),
    )


class StudyViewSetGroup(AppViewSetGroup):
    menu_label = _("学习会")
    menu_icon = "tasks"
    menu_order = 260
    items = (
        BranchViewSet("study_branch"),
        PartyGroupViewSet("study_party_group"),
        GridViewSet("study_grid"),
        MemberViewSet("study_member"),
        StudyPlanViewSet("study_plan"),
        ReflectionViewSet("study_reflection"),
        LeaveRequestViewSet("study_leave"),
        StudyScreens(),
        access_views.AccessScreens(),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return StudyViewSetGroup()


@hooks.register("register_page_listing_buttons")
def roll_call_button(page, user, next_url=None):
    if (
        page.specific_class is StudySession
        and user.has_perm("study.take_roll")
        and (scope.sees_all_branches(user) or page.pk in scope.session_ids_for(user))
    ):
        yield ListingButton(
            _("点名册"), reverse(f"{admin_views.URL_NAMESPACE}:roll", args=[page.pk]), priority=55
        )


@hooks.register("register_log_actions")
def study_log_actions(actions):
    log_actions.register(actions, ACTIONS)


@hooks.register("events_audience_allows")
def study_session_audience(event, user):
    """A study session is for the members of its invited branches."""
    if event.kind != EventKind.STUDY:
        return None
    session = event if isinstance(event, StudySession) else getattr(event, "studysession", None)
    if session is None:
        return None
    return services.is_invited(session, services.member_for_user(user))


@hooks.register("register_personal_data")
def party_member_personal_data():
    return personal_data.provider()


@hooks.register("register_account_section")
def my_study_sessions_section(request):
    return {
        "title": _("我的学习会"),
        "url": reverse("study:mine"),
        "description": _("参加过的学习会和出勤情况，请假申请和学习心得。"),
        "order": 11,
    }


@hooks.register("register_home_section")
@shown_on("home", "notices", "calendar")
def broadcast_preview_section(now):
    """直播预告 on the home page, beside the notices and under the month
    calendar: what the next study sessions will show. It changes by itself
    when a session starts (正在进行) or ends (the next one moves up)."""
    sessions = services.broadcast_preview(now)
    if not sessions:
        return None
    return {
        "template": "study/includes/home_preview.html",
        "order": 10,
        "sessions": sessions,
        "changes_at": min(
            item["occurrence"].end if item["on_air"] else item["occurrence"].start
            for item in sessions
        ),
    }


@hooks.register("register_member_year_figures")
def study_year_figures(members, year):
    """The members' study year for the 民主评议: sessions attended, courses
    completed online and 学时 against the target (learning/study/hours.py,
    two grouped queries for all of them)."""
    from . import hours

    return {
        pk: [
            {
                "key": "study_sessions",
                "label": _("参加学习会（次）"),
                "value": found.sessions,
                "order": 20,
            },
            {
                "key": "study_courses",
                "label": _("在线学完课程（门）"),
                "value": found.courses,
                "order": 21,
            },
            {
                "key": "study_hours",
                "label": _("学时 / 目标"),
                "value": f"{found.hours} / {found.target}",
                "order": 22,
            },
        ]
        for pk, found in hours.year_hours(members, year).items()
    }
