from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.search import SearchFilter, SearchType

from . import personal_data
from .models import CourseCategory, CoursePage


class CourseCategoryViewSet(SnippetViewSet):
    model = CourseCategory
    icon = "folder-open-inverse"
    menu_label = _("课程分类")
    menu_order = 255
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "pk"]


register_snippet(CourseCategoryViewSet)


def _category_choices():
    return CourseCategory.objects.values_list("slug", "name")


def _in_category(courses, slug):
    return courses.filter(category=CourseCategory.objects.filter(slug=slug).first())


@hooks.register("register_search_type")
def course_search_type():
    return SearchType(
        "course",
        _("课程"),
        CoursePage,
        order=15,
        filters=(SearchFilter("category", _("课程分类"), _category_choices, _in_category),),
    )


@hooks.register("register_personal_data")
def course_progress_personal_data():
    return personal_data.provider()


@hooks.register("register_account_section")
def my_courses_section(request):
    return {
        "title": _("我的学习"),
        "url": reverse("courses:mine"),
        "description": _("看过的课程、学习进度和已完成的课程，点击可从上次看到的地方继续。"),
        "order": 10,
    }
