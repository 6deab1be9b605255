import datetime

import factory
import wagtail_factories
from django.utils import timezone

from learning.courses.models import CourseCategory, CourseIndexPage, CoursePage


def category(slug="party-building"):
    """One of the five categories the data migration creates."""
    return CourseCategory.objects.get(slug=slug)


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "课程库"
    slug = "courses"
    show_in_menus = True


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage
        skip_postgeneration_save = True  # tag_names publishes a revision itself

    title = factory.Sequence(lambda n: f"测试课程 {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    category = factory.LazyFunction(category)
    speaker = "社区党委书记"
    summary = "课程简介"
    duration = datetime.timedelta(minutes=10)
    first_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def tag_names(self, create, extracted, **kwargs):
        """CoursePageFactory(tag_names=["种植", "农业"])."""
        if create and extracted:
            self.tags.add(*extracted)
            self.save()  # the cluster's tags are written on save
            self.save_revision().publish()
