"""Who organises events: every role sees registrant lists and checks people
in; only the roles that run activities (reviewers, branch administrators,
volunteer coordinators) see full phone numbers and cancel for someone.

Names are literals (accounts/roles.py holds the same ones) so that this
migration never changes.
"""

from django.db import migrations

from core.migration_utils import grant_permissions, revoke_permissions

ALL_ROLES = ["编辑", "审核员", "远教管理员", "志愿者协调员"]
ORGANISERS = ["审核员", "远教管理员", "志愿者协调员"]
GRANTS = {
    "view_registration": ALL_ROLES,
    "check_in_registration": ALL_ROLES,
    "view_registrant_phone": ORGANISERS,
    "change_registration": ORGANISERS,
}


def _by_role():
    by_role = {}
    for codename, roles in GRANTS.items():
        for role in roles:
            by_role.setdefault(role, []).append(codename)
    return by_role.items()


def forwards(apps, schema_editor):
    for role, codenames in _by_role():
        grant_permissions(apps, role, "events", codenames)


def backwards(apps, schema_editor):
    for role, codenames in _by_role():
        revoke_permissions(apps, role, "events", codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
