from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "learning.courses"
    label = "courses"
    verbose_name = _("课程")
    default_auto_field = "django.db.models.BigAutoField"
