"""Helpers for data migrations that give roles (groups) their permissions."""

from django.contrib.auth.management import create_permissions


def grant_permissions(apps, group_name, app_label, codenames):
    """Give the group these model permissions of one app.

    Django creates permissions after all migrations have run (post_migrate),
    so a data migration in the same run would find none: create them first.
    """
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    permissions = Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    missing = set(codenames) - set(permissions.values_list("codename", flat=True))
    if missing:
        raise LookupError(f"no such permissions in {app_label}: {sorted(missing)}")
    group.permissions.add(*permissions)


def revoke_permissions(apps, group_name, app_label, codenames):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=group_name).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
