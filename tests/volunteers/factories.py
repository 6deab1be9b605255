import datetime

import factory
import wagtail_factories
from django.utils import timezone

from accounts import roles
from tests.accounts.factories import UserFactory
from tests.events.factories import days_from_now, publish
from volunteers.models import (
    ServiceArea,
    ServiceRecord,
    Shift,
    Skill,
    Team,
    Volunteer,
    VolunteerActivity,
    VolunteerIndexPage,
    Wish,
)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"测试服务队{n}")


class VolunteerFactory(factory.django.DjangoModelFactory):
    """An approved volunteer with an account (status="pending" for a new one)."""

    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    real_name = factory.LazyAttribute(lambda o: o.user.real_name or "志愿者")
    phone = factory.LazyAttribute(lambda o: o.user.phone)
    status = "approved"
    availability = "weekend"

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(Skill.objects.filter(name__in=extracted))

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create:
            self.areas.set(ServiceArea.objects.filter(name__in=extracted or ["关爱老人"]))


def coordinator(**kwargs):
    return UserFactory(roles=[roles.VOLUNTEER_COORDINATORS], **kwargs)


class VolunteerActivityFactory(wagtail_factories.PageFactory):
    class Meta:
        model = VolunteerActivity

    title = factory.Sequence(lambda n: f"志愿服务活动 {n}")
    slug = factory.Sequence(lambda n: f"volunteer-activity-{n}")
    audience = "volunteers"
    start = factory.LazyFunction(lambda: days_from_now(3, 8))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=10))
    place = "幸福里社区党群服务中心"
    summary = "社区志愿服务"
    organiser = "幸福里社区居委会"
    person_in_charge = "李主任"
    service_content = "引导居民、维持秩序"
    cancel_hours_before = 24
    checkout_tolerance_minutes = 30


def make_activity(parent, shifts=None, **fields):
    """A published volunteer activity with shifts: a list of dicts
    (title, start, end, capacity, skills)."""
    activity = VolunteerActivityFactory(parent=parent, **fields)
    if shifts is None:
        start = activity.start
        shifts = [
            {"title": "上午班", "start": start, "end": start + datetime.timedelta(hours=3)},
            {
                "title": "下午班",
                "start": start + datetime.timedelta(hours=5),
                "end": start + datetime.timedelta(hours=8),
            },
        ]
    for number, spec in enumerate(shifts):
        skills = spec.pop("skills", [])
        spec.setdefault("capacity", 5)
        shift = Shift.objects.create(activity=activity, sort_order=number, **spec)
        if skills:
            shift.required_skills.set(Skill.objects.filter(name__in=skills))
            shift.save()  # a ParentalManyToManyField is written on save
    return publish(activity)


class VolunteerIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = VolunteerIndexPage

    title = "志愿服务"
    slug = "volunteers"
    show_in_menus = True


class RecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceRecord

    volunteer = factory.SubFactory(VolunteerFactory)
    volunteer_user = factory.LazyAttribute(lambda o: o.volunteer.user)
    source = "manual"
    activity_name = "上门看望独居老人"
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=2))
    place = "幸福里小区3号楼"
    content = "陪老人聊天、打扫卫生"
    hours = 2
    organiser = "幸福里社区居委会"
    person_in_charge = "李主任"
    status = "submitted"


class WishFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wish

    title = "帮80岁独居老人买一次菜"
    description = "王奶奶腿脚不便，希望有人帮忙买一周的蔬菜。"
    beneficiary = "王奶奶"
    place = "幸福里小区5号楼"
    contact_name = "王建国"
    contact_phone = "13700001111"
    status = "open"
