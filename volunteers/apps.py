from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    label = "volunteers"
    verbose_name = _("志愿服务")

    def ready(self):
        from events.models import EventIndexPage

        # A volunteer activity is an event and lives in the event list
        # (README, "Events": a subclass adds itself to the index's subpage types).
        if "volunteers.VolunteerActivity" not in EventIndexPage.subpage_types:
            EventIndexPage.subpage_types = [
                *EventIndexPage.subpage_types,
                "volunteers.VolunteerActivity",
            ]
