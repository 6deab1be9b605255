"""The five categories the source documents file courseware under, and what
editors and reviewers may do with categories and videos.

Names are literals (accounts/roles.py holds the same group names) so that this
migration never changes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from core.migration_utils import grant_permissions, revoke_permissions

CATEGORIES = [
    ("基层党建", "party-building", "党的基本理论、党史学习、支部建设与党员教育。"),
    ("政策法规", "policy", "国家政策解读、法律法规与惠民政策。"),
    ("实用技术", "technology", "种植养殖、就业技能与生活实用技术。"),
    ("科普知识", "science", "科学常识、防灾减灾、防范诈骗与安全知识。"),
    ("文体卫生", "culture-health", "文化体育、健康保健与卫生防疫。"),
]
CONTENT_ROLES = ["编辑", "审核员"]
CATEGORY_PERMISSIONS = ["add_coursecategory", "change_coursecategory", "view_coursecategory"]
VIDEO_PERMISSIONS = ["add_video", "change_video", "choose_video"]


def forwards(apps, schema_editor):
    CourseCategory = apps.get_model("courses", "CourseCategory")
    for order, (name, slug, description) in enumerate(CATEGORIES, start=1):
        CourseCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )

    for role in CONTENT_ROLES:
        grant_permissions(apps, role, "courses", CATEGORY_PERMISSIONS)

    # Videos are collection members: their permissions are given per collection.
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    videos_config = apps.get_app_config("wagtailvideos")
    videos_config.models_module = True
    create_permissions(videos_config, apps=apps, verbosity=0)
    video_permissions = Permission.objects.filter(
        content_type__app_label="wagtailvideos", codename__in=VIDEO_PERMISSIONS
    )
    if root is None:
        return
    for group in Group.objects.filter(name__in=CONTENT_ROLES):
        for permission in video_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def backwards(apps, schema_editor):
    for role in CONTENT_ROLES:
        revoke_permissions(apps, role, "courses", CATEGORY_PERMISSIONS)
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name__in=CONTENT_ROLES,
        permission__content_type__app_label="wagtailvideos",
        permission__codename__in=VIDEO_PERMISSIONS,
    ).delete()
    apps.get_model("courses", "CourseCategory").objects.filter(
        slug__in=[slug for _, slug, _ in CATEGORIES], courses__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("accounts", "0002_roles"),
        ("wagtailvideos", "0015_video_height_video_width"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
