import datetime

import factory
from django.utils import timezone

from learning.viewing.models import Run


class RunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Run

    started_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))
    ended_at = factory.LazyAttribute(lambda run: run.started_at + datetime.timedelta(hours=1))
    purpose = "播放党员教育节目"


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
