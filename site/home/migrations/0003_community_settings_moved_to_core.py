"""社区信息 now lives in core (core 0001): home forgets the model, the table
and its rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_reviewers_edit_community_settings"),
        ("core", "0001_community_settings_from_home"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CommunitySettings")],
            database_operations=[],
        ),
    ]
