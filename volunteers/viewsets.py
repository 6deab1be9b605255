"""志愿服务 in the admin: the coordinators' screens (admin_views,
admin_reports: approvals and anything with a rule, through services) and
plain lists and edit forms for the reference data and records that need no
workflow."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin_views import AppViewSetGroup, Screen, ScreenViewSet

from . import admin_reports, admin_views
from .models import (
    Commendation,
    ScheduledDay,
    ServiceArea,
    Skill,
    Team,
    Training,
    Volunteer,
)


class VolunteerViewSet(ModelViewSet):
    model = Volunteer
    icon = "user"
    menu_label = _("志愿者名册")
    list_display = ["real_name", "masked_phone", "team", "status", "is_party_member", "created_at"]
    list_filter = ["status", "team", "is_party_member"]
    search_fields = ["real_name", "phone", "work_unit"]
    # Status and review fields change only through the workbench (services).
    form_fields = [
        "real_name",
        "phone",
        "areas",
        "skills",
        "team",
        "preferred_team",
        "is_party_member",
        "work_unit",
        "show_on_leaderboard",
    ]
    inspect_view_enabled = True
    copy_view_enabled = False


class TeamViewSet(ModelViewSet):
    model = Team
    icon = "group"
    menu_label = _("服务队")
    list_display = ["name", "leader", "is_party_team"]
    form_fields = ["name", "description", "is_party_team", "leader", "sort_order"]
    copy_view_enabled = False


class ServiceAreaViewSet(ModelViewSet):
    model = ServiceArea
    icon = "list-ul"
    menu_label = _("服务领域")
    list_display = ["name", "active", "sort_order"]
    form_fields = ["name", "active", "sort_order"]
    copy_view_enabled = False


class SkillViewSet(ModelViewSet):
    model = Skill
    icon = "tag"
    menu_label = _("技能")
    list_display = ["name", "sort_order"]
    form_fields = ["name", "sort_order"]
    copy_view_enabled = False


class TrainingViewSet(ModelViewSet):
    model = Training
    icon = "doc-full"
    menu_label = _("培训记录")
    list_display = ["name", "volunteer", "date", "hours", "organiser"]
    search_fields = ["name", "volunteer__real_name"]
    form_fields = ["volunteer", "name", "content", "hours", "organiser", "date"]


class CommendationViewSet(ModelViewSet):
    model = Commendation
    icon = "pick"
    menu_label = _("表彰奖励")
    list_display = ["title", "volunteer", "awarded_by", "date"]
    search_fields = ["title", "volunteer__real_name"]
    form_fields = ["volunteer", "title", "awarded_by", "date", "note"]


class ScheduledDayViewSet(ModelViewSet):
    """Entered each year from the State Council's holiday notice; the
    10-working-day flag of service records counts with it."""

    model = ScheduledDay
    icon = "date"
    menu_label = _("节假日安排")
    list_display = ["date", "name", "is_working_day"]
    list_filter = ["is_working_day"]
    search_fields = ["name"]
    form_fields = ["date", "name", "is_working_day"]
    copy_view_enabled = False


class VolunteerScreens(ScreenViewSet):
    name = admin_views.URL_NAMESPACE
    url_prefix = "volunteer-service"
    icon = "group"
    screens = (
        Screen("", admin_views.WorkbenchView, "workbench", _("工作台"), "tasks"),
        Screen("shifts/", admin_views.ShiftIndexView, "shifts", _("班次名单"), "date"),
        Screen("report/", admin_reports.ReportView, "report", _("时长统计"), "table"),
        Screen("decide/<str:kind>/<id:pk>/<str:decision>/", admin_views.DecisionView, "decide"),
        Screen("shifts/<id:pk>/", admin_views.ShiftRosterView, "roster"),
        Screen("records/<id:pk>/", admin_views.RecordDetailView, "record"),
        Screen("report/export/", admin_reports.ReportExportView, "report_export"),
    )


class VolunteerViewSetGroup(AppViewSetGroup):
    menu_label = _("志愿服务")
    menu_icon = "group"
    menu_order = 270
    items = (
        VolunteerScreens(),
        VolunteerViewSet("volunteer_roster"),
        TeamViewSet("volunteer_teams"),
        ServiceAreaViewSet("volunteer_areas"),
        SkillViewSet("volunteer_skills"),
        TrainingViewSet("volunteer_trainings"),
        CommendationViewSet("volunteer_commendations"),
        ScheduledDayViewSet("volunteer_holidays"),
    )
