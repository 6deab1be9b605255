import datetime

import factory
from django.utils import timezone

from learning.viewing.models import Run


class RunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Run

    started_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))
    ended_at = factory.LazyAttribute(lambda run: run.started_at + datetime.timedelta(hours=1))
    purpose = "播放党员教育节目"
