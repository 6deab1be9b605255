"""Existing data to the new rules:

* excused and absent members had a mode (printed as "缺席 现场"): it is
  cleared, as nobody was there in any mode;
* a roll saved before this version was saved for every invited branch at
  once (it left changes with the source "roll"): each invited branch of a
  session that has started gets its RollCall, dated from those changes. A
  roll saved before the session started (possible until now) does not
  count: that session is 未点名 until its roll is saved again.
"""

from django.db import migrations
from django.db.models import Max, Min
from django.utils import timezone

NOT_ATTENDED = ["excused", "absent"]


def clear_modes(apps, schema_editor):
    Attendance = apps.get_model("study", "Attendance")
    Attendance.objects.filter(status__in=NOT_ATTENDED).exclude(mode="").update(mode="")


def record_saved_rolls(apps, schema_editor):
    AttendanceChange = apps.get_model("study", "AttendanceChange")
    StudySession = apps.get_model("study", "StudySession")
    RollCall = apps.get_model("study", "RollCall")
    saved = (
        AttendanceChange.objects.filter(source="roll")
        .values("attendance__session")
        .annotate(first=Min("changed_at"), last=Max("changed_at"))
        .order_by()
    )
    now = timezone.now()
    for entry in saved:
        session = StudySession.objects.filter(
            pk=entry["attendance__session"], start__lte=now
        ).first()
        if session is None:
            continue
        latest = (
            AttendanceChange.objects.filter(source="roll", attendance__session=session.pk)
            .order_by("-changed_at", "-pk")
            .values_list("changed_by", flat=True)
            .first()
        )
        for branch_id in session.branches.values_list("pk", flat=True):
            RollCall.objects.get_or_create(
                session_id=session.pk,
                branch_id=branch_id,
                defaults={"taken_at": entry["first"], "saved_at": entry["last"], "saved_by_id": latest},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("study", "0005_roll_calls_modes_and_branch_administrators"),
    ]

    operations = [
        migrations.RunPython(clear_modes, migrations.RunPython.noop),
        migrations.RunPython(record_saved_rolls, migrations.RunPython.noop),
    ]
