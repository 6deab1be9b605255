"""远教管理员 may give members a way in (activation slips) and unlink accounts
(``study.manage_member_access``, access.py). Member numbers stored before
the mobile check took ASCII digits only are rewritten in their normal form
where no other member has it.

The group name is a literal (accounts/roles.py holds the same) so that this
migration never changes.
"""

from django.db import migrations

from accounts.validators import MOBILE_RE, normalize_mobile
from core.migration_utils import grant_permissions, revoke_permissions

ROLE = "远教管理员"
PERMISSIONS = ["manage_member_access"]


def forwards(apps, schema_editor):
    grant_permissions(apps, ROLE, "study", PERMISSIONS)
    Member = apps.get_model("study", "Member")
    taken = set(Member.objects.values_list("phone", flat=True))
    for pk, phone in Member.objects.values_list("pk", "phone"):
        normal = normalize_mobile(phone)
        if not phone.isascii() and MOBILE_RE.fullmatch(normal) and normal not in taken:
            Member.objects.filter(pk=pk).update(phone=normal)
            taken.add(normal)


def backwards(apps, schema_editor):
    revoke_permissions(apps, ROLE, "study", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("study", "0003_member_access_permission"),
        ("accounts", "0004_normalise_stored_phones"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
