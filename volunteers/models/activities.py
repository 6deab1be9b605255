"""Volunteer activities (a kind of event) and their shifts.

``VolunteerActivity`` is an ``events.EventPage`` (multi-table inheritance):
it appears in the event list and calendar, has occurrences and calendar
files. Volunteers do not register for the event itself but sign up for one
of its shifts; a shift is an ``events.capacity.CapacityHolder`` and a
sign-up an ``AbstractRegistration``, so places and the waiting list work
exactly as for events.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.dates import chinese_date, weekday_name
from events.capacity import ACTIVE, AbstractRegistration, CapacityHolder, RegistrationStatus
from events.models import Audience, EventKind, EventPage

from ..admin_forms import VolunteerActivityForm
from .people import Skill, Volunteer

SHIFT_CAPACITY_HELP = _(
    "留空表示不限。已有志愿者确认的班次，名额不能少于已确认的人数（保存时会提示）。"
    "如果提交后、发布前又有人报名，发布时最晚确认的志愿者会排到候补名单最前面，并收到邮件通知。"
)


class VolunteerActivity(EventPage):
    """志愿服务活动: an event with shifts, organised by a unit with a person in
    charge (both go on every service record, as the national rules ask)."""

    fixed_kind = EventKind.VOLUNTEER

    organiser = models.CharField(
        _("组织单位"), max_length=100, help_text=_("写入服务记录和志愿服务证明。")
    )
    person_in_charge = models.CharField(_("负责人"), max_length=50)
    service_content = models.TextField(
        _("服务内容"), max_length=500, help_text=_("写入每位志愿者的服务记录。")
    )
    cancel_hours_before = models.PositiveSmallIntegerField(
        _("最晚取消时间（班次开始前几小时）"),
        default=24,
        validators=[MaxValueValidator(24 * 14)],
        help_text=_("此后志愿者不能自行取消报名，需联系协调员。"),
    )
    checkout_tolerance_minutes = models.PositiveSmallIntegerField(
        _("时长容差（分钟）"),
        default=30,
        validators=[MaxValueValidator(240)],
        help_text=_("每个班次计入的时长最多为班次时长加上这个容差。"),
    )

    # Only what applies: kind, audience, registration (places per date,
    # companions, opening and closing) and repetition are fixed below.
    content_panels = EventPage.content_panels[:1] + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("place"),
            ],
            heading=_("时间和地点"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("organiser"), FieldPanel("person_in_charge")]),
                FieldPanel("service_content"),
                FieldRowPanel(
                    [FieldPanel("cancel_hours_before"), FieldPanel("checkout_tolerance_minutes")]
                ),
            ],
            heading=_("志愿服务"),
        ),
        InlinePanel("shifts", heading=_("班次"), label=_("班次"), min_num=1),
        FieldPanel("image"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    base_form_class = VolunteerActivityForm

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "volunteers/volunteer_activity.html"

    class Meta:
        verbose_name = _("志愿服务活动")
        verbose_name_plural = _("志愿服务活动")

    def save(self, *args, **kwargs):
        # Volunteers sign up for shifts, not for the event as a whole, and
        # only approved volunteers may (the form shows neither choice).
        self.registration_enabled = False
        self.capacity = None
        self.registration_opens = self.registration_closes = None
        self.audience = Audience.VOLUNTEERS
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False) or not self.pk:
            context["shifts"] = list(self.shifts.all())
        else:
            context["shifts"] = list(self.upcoming_shifts().prefetch_related("required_skills"))
        return context

    def upcoming_shifts(self):
        return self.shifts.filter(end__gte=timezone.now()).order_by("start", "pk")


class Shift(Orderable, CapacityHolder, ClusterableModel):
    """班次: a time slot of an activity with places and required skills."""

    activity = ParentalKey(
        VolunteerActivity, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="shifts"
    )
    title = models.CharField(_("班次名称"), max_length=50, help_text=_("例如：上午班、引导岗。"))
    start = models.DateTimeField(_("开始时间"), db_index=True)
    end = models.DateTimeField(_("结束时间"))
    required_skills = ParentalManyToManyField(
        Skill,
        verbose_name=_("需要的技能"),
        blank=True,
        help_text=_("只有具备全部所选技能的志愿者才能报名；不选表示人人可报。"),
    )

    registrations_name = "signups"

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("capacity", help_text=SHIFT_CAPACITY_HELP)]),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("required_skills"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("班次")
        verbose_name_plural = _("班次")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="volunteers_shift_end_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.activity.title} · {self.title} · {self.when}"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("结束时间必须晚于开始时间。")})
        if self.start and self.end and self.end - self.start > datetime.timedelta(hours=24):
            raise ValidationError({"end": _("一个班次不能超过 24 小时，请拆成几个班次。")})

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def when(self):
        start, end = self.local_start, self.local_end
        text = f"{chinese_date(start.date())} {weekday_name(start.weekday())} {start:%H:%M}"
        if end.date() != start.date():
            return f"{text} – {chinese_date(end.date())} {end:%H:%M}"
        return f"{text}–{end:%H:%M}"

    @property
    def length(self):
        return self.end - self.start

    def cancel_deadline(self):
        return self.start - datetime.timedelta(hours=self.activity.cancel_hours_before)

    def skill_ids(self):
        return {skill.pk for skill in self.required_skills.all()}

    def missing_skills(self, volunteer):
        have = {skill.pk for skill in volunteer.skills.all()}
        return [skill for skill in self.required_skills.all() if skill.pk not in have]


class ShiftSignup(AbstractRegistration):
    """A volunteer's sign-up for one shift (confirmed, waiting or cancelled),
    with check-in and check-out."""

    holder_field = "shift"

    shift = models.ForeignKey(
        Shift, verbose_name=_("班次"), on_delete=models.CASCADE, related_name="signups"
    )
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("志愿者"), on_delete=models.CASCADE, related_name="signups"
    )
    signed_up_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("代报名人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_out_at = models.DateTimeField(_("签退时间"), null=True, blank=True)
    checked_out_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("签退登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("班次报名")
        verbose_name_plural = _("班次报名")
        ordering = ["shift", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=Q(status__in=ACTIVE),
                name="volunteers_one_signup_per_shift",
            ),
            models.CheckConstraint(condition=Q(places=1), name="volunteers_signup_one_place"),
            models.CheckConstraint(
                condition=Q(checked_out_at__isnull=True)
                | Q(checked_in_at__isnull=False, checked_out_at__gt=models.F("checked_in_at")),
                name="volunteers_checkout_after_checkin",
            ),
        ]
        indexes = [models.Index(fields=["volunteer", "status"])]

    def __str__(self):
        return f"{self.name} · {self.shift}"

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == RegistrationStatus.WAITING
