"""The frequencies of the 《中国共产党支部工作条例（试行）》 as data, and who
may use the register.

* 支部党员大会 once a quarter, 支部委员会 once a month, 党小组会 once a month
  (per party group), 党课 once a quarter, 主题党日 once a month, 组织生活会
  once a year; a community changes them in 组织生活 › 频次要求.
* 远教管理员 (branch administrators) and 社区远教管理员 record meetings and
  see the register (of their branches, or all: ``study.manage_all_branches``);
  only 社区远教管理员 change the frequencies.

Group names are literals (accounts/roles.py holds the same) so that this
migration never changes.
"""

from django.db import migrations

from core.migration_utils import grant_permissions, revoke_permissions

BRANCH_ADMINS = "远教管理员"
COMMUNITY_ADMINS = "社区远教管理员"
REGISTER = ["record_meeting", "view_register"]
FREQUENCIES = ["view_meetingrequirement", "change_meetingrequirement"]
DEFAULTS = [
    ("general", "quarter", 1),
    ("committee", "month", 1),
    ("group", "month", 1),
    ("lecture", "quarter", 1),
    ("themeday", "month", 1),
    ("life", "year", 1),
]


def forwards(apps, schema_editor):
    MeetingRequirement = apps.get_model("meetings", "MeetingRequirement")
    for kind, period, count in DEFAULTS:
        MeetingRequirement.objects.get_or_create(
            kind=kind, defaults={"period": period, "count": count}
        )
    grant_permissions(apps, BRANCH_ADMINS, "meetings", REGISTER)
    grant_permissions(apps, COMMUNITY_ADMINS, "meetings", REGISTER + FREQUENCIES)


def backwards(apps, schema_editor):
    revoke_permissions(apps, BRANCH_ADMINS, "meetings", REGISTER)
    revoke_permissions(apps, COMMUNITY_ADMINS, "meetings", REGISTER + FREQUENCIES)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_meetings_register"),
        ("study", "0009_party_groups"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
