"""The lists volunteers choose from, the party-member team, and what
volunteer coordinators may do in the admin.

Names are literals here so that this migration never changes; editors can
rename, add or hide entries later (admin → 志愿服务).
"""

from django.db import migrations

from core.migration_utils import grant_permissions, revoke_permissions

AREAS = [
    "社会救助",
    "治安巡逻",
    "慈善公益",
    "矛盾调解",
    "关爱老人",
    "法律宣传",
    "环境保护",
    "文化体育",
]
SKILLS = ["急救", "医疗护理", "心理疏导", "法律咨询", "驾驶", "电脑操作", "摄影", "手语"]
PARTY_TEAM = "党员志愿服务队"
COORDINATORS = "志愿者协调员"
COORDINATOR_PERMISSIONS = [
    # Reference data and records without a workflow: edited in the admin.
    *(
        f"{action}_{model}"
        for action in ("add", "change", "view")
        for model in ("servicearea", "skill", "team", "volunteer", "training", "commendation")
    ),
    "delete_training",
    "delete_commendation",
    # Records with a workflow: seen in the admin, changed only through the
    # coordinators' screens (volunteers/services.py).
    "view_servicerecord",
    "view_recordchange",
    "view_correctionrequest",
    "view_shiftsignup",
    "view_wish",
    "view_certificate",
    "review_volunteer",
    "view_volunteer_phone",
    "approve_servicerecord",
    "moderate_wish",
]


def forwards(apps, schema_editor):
    ServiceArea = apps.get_model("volunteers", "ServiceArea")
    Skill = apps.get_model("volunteers", "Skill")
    Team = apps.get_model("volunteers", "Team")
    for order, name in enumerate(AREAS):
        ServiceArea.objects.get_or_create(name=name, defaults={"sort_order": order})
    for order, name in enumerate(SKILLS):
        Skill.objects.get_or_create(name=name, defaults={"sort_order": order})
    Team.objects.get_or_create(
        name=PARTY_TEAM,
        defaults={
            "is_party_team": True,
            "description": "由社区党员和在职党员组成，承接居民“微心愿”和重点志愿服务。",
        },
    )
    grant_permissions(apps, COORDINATORS, "volunteers", COORDINATOR_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, COORDINATORS, "volunteers", COORDINATOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
