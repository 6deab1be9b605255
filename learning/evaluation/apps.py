from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "learning.evaluation"
    label = "evaluation"
    verbose_name = _("民主评议")
    default_auto_field = "django.db.models.BigAutoField"
