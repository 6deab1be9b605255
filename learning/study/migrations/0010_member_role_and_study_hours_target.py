"""Study hours (学时): each member's role (党员 / 支部书记 / 支部委员, which
decides the yearly target) and the community's 学时设置 (targets 32 and 56,
45 minutes a 学时), which 社区远教管理员 may change. The group's name is a
literal (accounts/roles.py holds the same) so this migration never changes."""

import django.core.validators
from django.db import migrations, models

from core.migration_utils import grant_permissions, revoke_permissions

COMMUNITY_ADMINS = "社区远教管理员"
SETTINGS = ["change_studyhourssettings", "view_studyhourssettings"]


def forwards(apps, schema_editor):
    grant_permissions(apps, COMMUNITY_ADMINS, "study", SETTINGS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, COMMUNITY_ADMINS, "study", SETTINGS)


class Migration(migrations.Migration):
    dependencies = [
        ("study", "0009_party_groups"),
    ]

    operations = [
        migrations.CreateModel(
            name="StudyHoursSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "member_target",
                    models.PositiveSmallIntegerField(
                        default=32,
                        help_text="每名党员每年至少应完成的学时。",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(500),
                        ],
                        verbose_name="党员年度学时目标",
                    ),
                ),
                (
                    "committee_target",
                    models.PositiveSmallIntegerField(
                        default=56,
                        help_text="党员登记中职务为支部书记或支部委员的党员每年至少应完成的学时。",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(500),
                        ],
                        verbose_name="支部书记、支部委员年度学时目标",
                    ),
                ),
                (
                    "minutes_per_hour",
                    models.PositiveSmallIntegerField(
                        default=45,
                        help_text="学习会时长和课程时长按这个分钟数折算为学时。",
                        validators=[
                            django.core.validators.MinValueValidator(10),
                            django.core.validators.MaxValueValidator(120),
                        ],
                        verbose_name="每学时分钟数",
                    ),
                ),
            ],
            options={
                "verbose_name": "学时设置",
                "verbose_name_plural": "学时设置",
            },
        ),
        migrations.AddField(
            model_name="member",
            name="role",
            field=models.CharField(
                choices=[("member", "党员"), ("secretary", "支部书记"), ("committee", "支部委员")],
                default="member",
                help_text="支部书记和支部委员的年度学时目标高于普通党员。",
                max_length=20,
                verbose_name="职务",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
