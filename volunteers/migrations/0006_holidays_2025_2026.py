"""The holiday schedules of 2025 and 2026 as the State Council published them
(国务院办公厅关于2025年／2026年部分节假日安排的通知), and the coordinators'
right to keep the schedule (each later year is entered from its notice).

Literals here so that this migration never changes."""

import datetime

from django.db import migrations

from core.migration_utils import grant_permissions, revoke_permissions

# (first day off, last day off, name, [weekend days worked instead])
SCHEDULE = [
    ("2025-01-01", "2025-01-01", "元旦", []),
    ("2025-01-28", "2025-02-04", "春节", ["2025-01-26", "2025-02-08"]),
    ("2025-04-04", "2025-04-06", "清明节", []),
    ("2025-05-01", "2025-05-05", "劳动节", ["2025-04-27"]),
    ("2025-05-31", "2025-06-02", "端午节", []),
    ("2025-10-01", "2025-10-08", "国庆节、中秋节", ["2025-09-28", "2025-10-11"]),
    ("2026-01-01", "2026-01-03", "元旦", ["2026-01-04"]),
    ("2026-02-15", "2026-02-23", "春节", ["2026-02-14", "2026-02-28"]),
    ("2026-04-04", "2026-04-06", "清明节", []),
    ("2026-05-01", "2026-05-05", "劳动节", ["2026-05-09"]),
    ("2026-06-19", "2026-06-21", "端午节", []),
    ("2026-09-25", "2026-09-27", "中秋节", []),
    ("2026-10-01", "2026-10-07", "国庆节", ["2026-09-20", "2026-10-10"]),
]
COORDINATORS = "志愿者协调员"
PERMISSIONS = [f"{action}_scheduledday" for action in ("add", "change", "delete", "view")]


def days():
    for first, last, name, worked in SCHEDULE:
        day = datetime.date.fromisoformat(first)
        while day <= datetime.date.fromisoformat(last):
            yield day, name, False
            day += datetime.timedelta(days=1)
        for date in worked:
            yield datetime.date.fromisoformat(date), name, True


def forwards(apps, schema_editor):
    ScheduledDay = apps.get_model("volunteers", "ScheduledDay")
    for date, name, is_working_day in days():
        ScheduledDay.objects.get_or_create(
            date=date, defaults={"name": name, "is_working_day": is_working_day}
        )
    grant_permissions(apps, COORDINATORS, "volunteers", PERMISSIONS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, COORDINATORS, "volunteers", PERMISSIONS)
    apps.get_model("volunteers", "ScheduledDay").objects.filter(
        date__in=[date for date, _, _ in days()]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0005_holiday_schedule"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
