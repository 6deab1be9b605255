"""Reviewers (审核员) keep the community's name, address and phone up to date."""

from django.db import migrations

from core.migration_utils import grant_permissions, revoke_permissions

REVIEWERS = "审核员"
CODENAMES = ["change_communitysettings"]


def forwards(apps, schema_editor):
    grant_permissions(apps, REVIEWERS, "home", CODENAMES)


def backwards(apps, schema_editor):
    revoke_permissions(apps, REVIEWERS, "home", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
