"""Sessions opened before the login backend became accounts.backends.
PermissionBackend name Django's ModelBackend, which is no longer in
AUTHENTICATION_BACKENDS: Django would treat them as logged out. Rename the
backend in every stored session (and drop any copy in the session cache),
so nobody has to log in again."""

from django.db import migrations

OLD = "django.contrib.auth.backends.ModelBackend"
NEW = "accounts.backends.PermissionBackend"
BACKEND_KEY = "_auth_user_backend"


def rename_backend(apps, schema_editor, old=OLD, new=NEW):
    from django.conf import settings
    from django.contrib.sessions.backends.cached_db import KEY_PREFIX
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.cache import caches

    cache = caches[settings.SESSION_CACHE_ALIAS]
    Session = apps.get_model("sessions", "Session")
    store = SessionStore()
    for session in Session.objects.filter(expire_date__isnull=False).iterator():
        data = store.decode(session.session_data)
        if data.get(BACKEND_KEY) == old:
            data[BACKEND_KEY] = new
            session.session_data = store.encode(data)
            session.save(update_fields=["session_data"])
            cache.delete(KEY_PREFIX + session.session_key)  # a copy read before


def rename_back(apps, schema_editor):
    rename_backend(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_erase_personal_data_permission"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(rename_backend, rename_back)]
