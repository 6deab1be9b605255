"""Course categories and the 点播本 number counter."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core.page_cache import purge_when_saved

from ..querysets import CourseCategoryQuerySet


@purge_when_saved  # category names and counts are on cached pages
class CourseCategory(models.Model):
    """基层党建, 政策法规, 实用技术, 科普知识, 文体卫生 (a data migration makes
    these five); editors may add more."""

    name = models.CharField(_("名称"), max_length=30, unique=True)
    slug = models.SlugField(
        _("网址名称"),
        max_length=40,
        unique=True,
        allow_unicode=False,
        help_text=_("用在分类网址中的英文字母、数字或连字符，例如 party-building。"),
    )
    description = models.CharField(_("说明"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)

    objects = CourseCategoryQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("课程分类")
        verbose_name_plural = _("课程分类")

    def __str__(self):
        return self.name


class CatalogueCounter(models.Model):
    """The last 点播本 number ever given to a course (a single row). Numbers
    only go up: a course unpublished or deleted leaves its number unused."""

    last_number = models.PositiveIntegerField(_("最后一个点播编号"), default=0)

    class Meta:
        verbose_name = _("点播编号计数")
        verbose_name_plural = _("点播编号计数")

    def __str__(self):
        return str(self.last_number)
