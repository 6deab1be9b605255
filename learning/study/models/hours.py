"""The community's study-hours (学时) rule: the yearly targets and how many
minutes make one 学时. One row for the whole site (a Wagtail setting, under
设置 › 学时设置). How hours are counted is in ``learning/study/hours.py`` and
docs/study-rules.md."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .choices import COMMITTEE_ROLES


@register_setting(icon="time")
class StudyHoursSettings(BaseGenericSetting):
    member_target = models.PositiveSmallIntegerField(
        _("党员年度学时目标"),
        default=32,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("每名党员每年至少应完成的学时。"),
    )
    committee_target = models.PositiveSmallIntegerField(
        _("支部书记、支部委员年度学时目标"),
        default=56,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("党员登记中职务为支部书记或支部委员的党员每年至少应完成的学时。"),
    )
    minutes_per_hour = models.PositiveSmallIntegerField(
        _("每学时分钟数"),
        default=45,
        validators=[MinValueValidator(10), MaxValueValidator(120)],
        help_text=_("学习会时长和课程时长按这个分钟数折算为学时。"),
    )

    class Meta:
        verbose_name = _("学时设置")
        verbose_name_plural = _("学时设置")

    def __str__(self):
        return str(self._meta.verbose_name)

    def target_for(self, member):
        return self.committee_target if member.role in COMMITTEE_ROLES else self.member_target
