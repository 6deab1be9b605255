"""What the course library reads: the managers of the course models
(``CoursePage.objects``, ``CourseCategory.objects``, ``CourseProgress.objects``).
Read-only, no rules: the rules that write are in services.py."""

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from taggit.models import Tag
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

RELATED_COURSES = 4
POPULAR_TAGS = 20


class CourseQuerySet(PageQuerySet):
    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def with_viewer_count(self):
        """Annotates ``viewer_count``: members who started watching."""
        return self.annotate(viewer_count=models.Count("progress", distinct=True))

    def most_watched_first(self):
        return self.with_viewer_count().order_by("-viewer_count", "-first_published_at", "-pk")

    def in_library(self, *, category=None, tag=None, order="newest"):
        """The library list: of one category or tag (or all), ``"popular"``
        (most watched) or newest first, ready to render without further
        queries per course (category, video and poster come along)."""
        courses = self.select_related("category", "video", "poster")
        if category is not None:
            courses = courses.filter(category=category)
        if tag is not None:
            courses = courses.filter(tagged_items__tag=tag)
        courses = courses.most_watched_first() if order == "popular" else courses.newest_first()
        return courses.prefetch_related("poster__renditions")

    def related_to(self, course, limit=RELATED_COURSES):
        """Others of the same category as ``course``, newest first."""
        return list(
            self.filter(category_id=course.category_id)
            .exclude(pk=course.pk)
            .select_related("category", "video", "poster")  # renditions come from the cache
            .newest_first()[:limit]
        )

    def by_category(self):
        """The on-demand catalogue (点播本): ``[(category, [courses…]), …]``,
        categories in display order, each one's courses by their number (new
        courses come last)."""
        grouped = {}
        for course in self.select_related("category").order_by(
            "category__sort_order", "category__pk", "catalogue_number", "pk"
        ):
            grouped.setdefault(course.category, []).append(course)
        return list(grouped.items())

    def popular_tags(self, limit=POPULAR_TAGS):
        """The tags these courses use most, each with ``course_count``."""
        return list(
            Tag.objects.filter(courses_coursetag_items__content_object__in=self)
            .annotate(course_count=Count("courses_coursetag_items"))
            .order_by("-course_count", "name")[:limit]
        )

    def tag_in_use(self, slug):
        """The tag of this slug if one of these courses uses it, else None."""
        return Tag.objects.filter(
            slug=slug, courses_coursetag_items__content_object__in=self
        ).first()


class CourseCategoryQuerySet(models.QuerySet):
    def with_course_count(self, courses):
        """Categories in display order, each with ``course_count``: how many
        of ``courses`` (e.g. the live ones) it holds."""
        return self.annotate(
            course_count=Count("courses", filter=Q(courses__pk__in=courses.values("pk")))
        ).order_by("sort_order", "pk")  # Meta.ordering does not apply to GROUP BY queries


class CourseProgressQuerySet(models.QuerySet):
    def of_member(self, user):
        """``user``'s progress on live courses, most recently watched first."""
        return (
            self.filter(user=user, course__live=True)
            .select_related("course", "course__category")
            .order_by("-updated_at", "-pk")
        )

    def reportable(self):
        """Progress on courses that are live and in no private section (what
        ``CoursePage.objects.live().public()`` finds), asked in the same query:
        no page view restriction on the course or an ancestor of it."""
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("course__path"), 1, Length("page__path"))
        )
        return self.filter(course__live=True).exclude(Exists(restricted))
