import datetime

import factory
from django.utils import timezone

from learning.viewing.models import Asset, Inspection, Run


class RunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Run

    started_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))
    ended_at = factory.LazyAttribute(lambda run: run.started_at + datetime.timedelta(hours=1))
    purpose = "播放党员教育节目"


class AssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Asset

    name = factory.Sequence(lambda n: f"投影仪{n}")
    model_number = "EB-X05"
    keeper = "王管理员"


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    inspected_on = factory.LazyFunction(timezone.localdate)
    inspector = "王管理员"
