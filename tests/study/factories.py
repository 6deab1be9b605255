import datetime

import factory
import wagtail_factories

from learning.study.models import Branch, Grid, Member, PartyGroup, StudyPlan, StudySession
from tests.events.factories import days_from_now, publish


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"第{n + 1}党支部")


class GridFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grid
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"第{n + 1}网格")


class PartyGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyGroup

    branch = factory.SubFactory(BranchFactory)
    name = factory.Sequence(lambda n: f"第{n + 1}党小组")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    name = factory.Faker("name", locale="zh_CN")
    phone = factory.Sequence(lambda n: f"137{n:08d}")
    branch = factory.SubFactory(BranchFactory)


class StudyPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudyPlan

    branch = factory.SubFactory(BranchFactory)
    month = datetime.date(2026, 3, 1)
    topic = "学习党的二十届四中全会精神"


class StudySessionFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StudySession
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"远教学习会 {n}")
    slug = factory.Sequence(lambda n: f"study-{n}")
    start = factory.LazyFunction(lambda: days_from_now(3, 9))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    host = "王书记"

    @factory.post_generation
    def branches(self, create, extracted, **kwargs):
        if create and extracted:
            self.branches.set(extracted)
            self.save()


def make_session(parent, branches, **fields):
    """A published study session for these branches."""
    return publish(StudySessionFactory(parent=parent, branches=branches, **fields))
