"""The database refuses a mode for a member who was not there."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("study", "0006_clear_modes_and_record_saved_rolls"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="attendance",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("status__in", ("present", "late")),
                        ("mode__in", ["onsite", "online", "home", "phone"]),
                    ),
                    models.Q(("status__in", ("excused", "absent")), ("mode", "")),
                    _connector="OR",
                ),
                name="study_mode_only_when_attended",
            ),
        ),
    ]
