"""Who sees which branches, and who publishes study session pages.

* 社区远教管理员 (community-level distance-education administrators) is a
  new group holding ``study.manage_all_branches``: they see and manage every
  branch (and every member's activation slips), and only they add or delete branches and choose each branch's
  administrators. Code asks for the permission, never for the group's name.
* 远教管理员 (branch administrators) keep every study permission they had
  except adding and deleting branches; what they see is limited to the
  branches that list them (``Branch.administrators``).
* Pages: branch administrators may add and edit pages under 社区活动
  (study sessions and events), but no longer publish them: an
  administrator's page goes through the 内容审核 workflow like an editor's.
  Their ``publish_page`` grants are removed wherever they are; each existing
  社区活动 index gets ``add_page`` and ``change_page`` for both groups.

Names are literals (accounts/roles.py holds the same ones) so that this
migration never changes.
"""

from django.db import migrations

from core.migration_utils import grant_permissions, revoke_permissions

BRANCH_ADMINS = "远教管理员"
COMMUNITY_ADMINS = "社区远教管理员"
MODELS = ["branch", "grid", "member", "studyplan", "attendance", "leaverequest", "reflection"]
STUDY = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
STUDY += ["take_roll", "view_attendancechange", "manage_member_access"]
BRANCHES_ONLY_COMMUNITY = ["add_branch", "delete_branch"]
PAGE_EDITING = ["add_page", "change_page"]


def _page_permissions(apps, codenames):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("wagtailcore")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    return list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)
    )


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    EventIndexPage = apps.get_model("events", "EventIndexPage")

    community, _ = Group.objects.get_or_create(name=COMMUNITY_ADMINS)
    community.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    grant_permissions(apps, COMMUNITY_ADMINS, "study", [*STUDY, "manage_all_branches"])
    revoke_permissions(apps, BRANCH_ADMINS, "study", BRANCHES_ONLY_COMMUNITY)

    branch_admins = Group.objects.filter(name=BRANCH_ADMINS).first()
    if branch_admins is not None:
        GroupPagePermission.objects.filter(
            group=branch_admins, permission__codename="publish_page"
        ).delete()
    indexes = list(EventIndexPage.objects.values_list("pk", flat=True))
    if not indexes:
        return
    for group in Group.objects.filter(name__in=[BRANCH_ADMINS, COMMUNITY_ADMINS]):
        for permission in _page_permissions(apps, PAGE_EDITING):
            for page_id in indexes:
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=page_id, permission=permission
                )


def backwards(apps, schema_editor):
    """Branch administrators get their branch rights back; the community
    group keeps its members but loses the study permissions (page grants
    given by forwards stay, as the demo gives them too)."""
    grant_permissions(apps, BRANCH_ADMINS, "study", BRANCHES_ONLY_COMMUNITY)
    revoke_permissions(apps, COMMUNITY_ADMINS, "study", [*STUDY, "manage_all_branches"])


class Migration(migrations.Migration):
    dependencies = [
        ("study", "0007_mode_only_when_attended"),
        ("accounts", "0002_roles"),
        ("events", "0002_organiser_permissions"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
