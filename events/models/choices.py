"""The fixed vocabularies of events: their kinds (each with a calendar feed)
and audiences.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """A fixed list: each kind has a calendar feed with a stable address
    (``feed/<kind>.ics``) that people subscribe to, and the apps that build
    on events (study sessions, volunteer activities) fix their own kind."""

    LECTURE = "lecture", _("大讲堂")
    CULTURE = "culture", _("文体活动")
    STUDY = "study", _("学习会")
    VOLUNTEER = "volunteer", _("志愿服务")
    SERVICE = "service", _("便民服务")
    OTHER = "other", _("其他活动")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("所有居民")
    PARTY_MEMBERS = "party", _("党员")
    VOLUNTEERS = "volunteers", _("志愿者")
