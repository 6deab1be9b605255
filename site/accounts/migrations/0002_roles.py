"""Roles as groups, in Chinese, and the moderation workflow named for them.

Wagtail's own migrations create the groups "Editors" (add and edit pages) and
"Moderators" (also publish) with a "Moderators approval" workflow on the root
page: editors submit, moderators approve. We keep that arrangement and give it
our names, and add the two roles of this product. Names are literals here
(accounts/roles.py holds the same ones) so that this migration never changes.
"""

from django.db import migrations

RENAMED_GROUPS = {"Editors": "编辑", "Moderators": "审核员"}
NEW_GROUPS = ["远教管理员", "志愿者协调员"]
RENAMED_WORKFLOW = {"Moderators approval": ("内容审核", "审核员审批")}


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")

    for old, new in RENAMED_GROUPS.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in [*RENAMED_GROUPS.values(), *NEW_GROUPS]:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)

    for old, (workflow_name, task_name) in RENAMED_WORKFLOW.items():
        Workflow.objects.filter(name=old).update(name=workflow_name)
        Task.objects.filter(name=old).update(name=task_name)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=NEW_GROUPS).delete()
    for old, new in RENAMED_GROUPS.items():
        Group.objects.filter(name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("wagtaildocs", "0002_initial_data"),
        ("wagtailimages", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
