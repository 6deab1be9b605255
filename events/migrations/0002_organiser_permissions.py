"""Who organises events: every role sees registrant lists and checks people
in; only the roles that run activities (reviewers, branch administrators,
volunteer coordinators) see full phone numbers and cancel for someone.

Names are literals (accounts/roles.py holds the same ones) so that this
migration never changes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL_ROLES = ["编辑", "审核员", "远教管理员", "志愿者协调员"]
ORGANISERS = ["审核员", "远教管理员", "志愿者协调员"]
GRANTS = {
    "view_registration": ALL_ROLES,
    "check_in_registration": ALL_ROLES,
    "view_registrant_phone": ORGANISERS,
    "change_registration": ORGANISERS,
}


def forwards(apps, schema_editor):
    # Django creates permissions after all migrations (post_migrate): make
    # this app's now so that they can be granted in the same run.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for codename, roles in GRANTS.items():
        permission = Permission.objects.get(content_type__app_label="events", codename=codename)
        for name in roles:
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.add(permission)


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for codename, roles in GRANTS.items():
        for permission in Permission.objects.filter(
            content_type__app_label="events", codename=codename
        ):
            for group in Group.objects.filter(name__in=roles):
                group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
