from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ViewingConfig(AppConfig):
    """远教站点: the community's viewing room (the distance-education point):
    its equipment and run book, the screening mode, members' viewing wishes."""

    name = "learning.viewing"
    label = "viewing"
    verbose_name = _("远教站点")
    default_auto_field = "django.db.models.BigAutoField"
