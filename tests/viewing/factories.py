import datetime

import factory
from django.utils import timezone

from learning.viewing.models import Asset, Inspection, Run


class RunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Run

    started_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))
    ended_at = factory.LazyAttribute(lambda run: run.started_at + datetime.timedelta(hours=1))
    purpose = "播放党员教育节目"


class AssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Asset

    name = factory.Sequence(lambda n: f"投影仪{n}")
    model_number = "EB-X05"
    keeper = "王管理员"


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    inspected_on = factory.LazyFunction(timezone.localdate)
    inspector = "王管理员"


def attend(session, member, status="present", mode="onsite"):
    """The member's roll-call row for the session (出席 · 现场 by default;
    mode "" for 请假 / 缺席)."""
    from learning.study.models import Attendance

    return Attendance.objects.create(
        session=session,
        member=member,
        branch=member.branch,
        day=session.local_day,
        status=status,
        mode=mode,
    )


def course_video(content, title="放映测试视频"):
    """A wagtailvideos video holding ``content`` (a real clip's bytes)."""
    from django.core.files.base import ContentFile
    from wagtailvideos.models import Video

    video = Video(title=title)
    video.file = ContentFile(content, name="screening.mp4")
    video.save()
    return video


# --- 点播需求 ---------------------------------------------------------------------------------


def member_user(branch=None, **kwargs):
    """A user whose account is linked to a party member's record."""
    from tests.accounts.factories import UserFactory
    from tests.study.factories import MemberFactory

    user = UserFactory(**kwargs)
    extra = {"branch": branch} if branch is not None else {}
    MemberFactory(user=user, phone=user.phone, name=user.real_name or "党员", **extra)
    return user


def first_category():
    from learning.courses.models import CourseCategory

    return CourseCategory.objects.order_by("sort_order", "pk").first()


class ViewingRequestFactory(factory.django.DjangoModelFactory):
    """An approved (public) request; its asker's vote is added with it."""

    class Meta:
        model = "viewing.ViewingRequest"
        skip_postgeneration_save = True

    category = factory.LazyFunction(first_category)
    title = factory.Sequence(lambda n: f"想看的内容 {n}")
    description = "希望远教站点安排播放。"
    asked_by = factory.LazyFunction(member_user)
    status = "approved"

    @factory.post_generation
    def asker_votes(obj, create, extracted, **kwargs):
        if create and obj.asked_by is not None:
            from learning.viewing.models import Vote

            Vote.objects.get_or_create(request=obj, user=obj.asked_by)
