"""What 远教管理员 (branch administrators) may do: keep branches, grids,
members and plans, take the roll, decide leave and moderate reflections.

The group name is a literal (accounts/roles.py holds the same) so that this
migration never changes.
"""

from django.db import migrations

from core.migration_utils import grant_permissions, revoke_permissions

ROLE = "远教管理员"
MODELS = ["branch", "grid", "member", "studyplan", "attendance", "leaverequest", "reflection"]
PERMISSIONS = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
PERMISSIONS += ["take_roll", "view_attendancechange"]


def forwards(apps, schema_editor):
    grant_permissions(apps, ROLE, "study", PERMISSIONS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, ROLE, "study", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("study", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
