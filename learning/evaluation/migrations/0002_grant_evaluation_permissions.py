"""Who runs the 民主评议: 社区远教管理员 (every branch) and 远教管理员 (their
own branches, through study's scope) may open rounds, move stages, record
participation and self-reviews, hand out and enter paper ballots
(``run_evaluation``), and grade members in 组织评定 (``grade_members``, the
branch committee's permission: a community may take it from a group in
设置 › 组). Names are literals (accounts/roles.py holds the same) so this
migration never changes."""

from django.db import migrations

from core.migration_utils import grant_permissions, revoke_permissions

GROUPS = ["社区远教管理员", "远教管理员"]
CODENAMES = [
    "view_round",
    "add_round",
    "change_round",
    "view_participation",
    "change_participation",
    "run_evaluation",
    "grade_members",
]


def forwards(apps, schema_editor):
    for group in GROUPS:
        grant_permissions(apps, group, "evaluation", CODENAMES)


def backwards(apps, schema_editor):
    for group in GROUPS:
        revoke_permissions(apps, group, "evaluation", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0001_rounds_participation_and_secret_ballot"),
        ("study", "0010_member_role_and_study_hours_target"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
