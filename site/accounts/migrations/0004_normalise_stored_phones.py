"""Numbers stored before the mobile check accepted ASCII digits only (a
full-width ``１３８…`` passed it) are rewritten in their normal form, so the
holder can still log in with the number as typed now. A number whose normal
form another account already has is left as it is (an administrator merges
such accounts by hand); the migration never deletes anything."""

from django.db import migrations

from accounts.validators import MOBILE_RE, normalize_mobile


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    taken = set(User.objects.values_list("phone", flat=True))
    for pk, phone in User.objects.values_list("pk", "phone"):
        if phone.isascii():
            continue
        normal = normalize_mobile(phone)
        if MOBILE_RE.fullmatch(normal) and normal not in taken:
            User.objects.filter(pk=pk).update(phone=normal)
            taken.add(normal)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_phone_proof")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
