"""Who keeps the viewing point's book: 远教管理员 (branch administrators) and
社区远教管理员 get ``viewing.manage_equipment``.

Group names are literals (accounts/roles.py holds the same) so that this
migration never changes.
"""

from django.db import migrations

from core.migration_utils import grant_permissions, revoke_permissions

ROLES = ["远教管理员", "社区远教管理员"]
CODENAMES = ["manage_equipment"]


def forwards(apps, schema_editor):
    for role in ROLES:
        grant_permissions(apps, role, "viewing", CODENAMES)


def backwards(apps, schema_editor):
    for role in ROLES:
        revoke_permissions(apps, role, "viewing", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("viewing", "0001_runs"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
