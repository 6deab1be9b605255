"""Fast, isolated settings for the test suite (pytest sets this module)."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, STATIC_ROOT, STORAGES

SECRET_KEY = "test-only-secret-key-not-for-any-real-site-0123456789abcdef"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Local files whatever the environment says; tests/core/test_object_storage.py
# switches to a real S3-compatible server (moto) itself.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="community-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
EXPORTS_ROOT = Path(tempfile.mkdtemp(prefix="community-test-exports-"))
atexit.register(shutil.rmtree, EXPORTS_ROOT, ignore_errors=True)
STORAGES["exports"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": EXPORTS_ROOT, "base_url": ""},
}
# The worker's deliveries (core/mail.py) land in django.core.mail.outbox. (Django's
# test set-up replaces EMAIL_BACKEND, the outbox for Django's own mail API, by
# locmem: tests/home/test_workflow_mail.py sets it back.)
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run inside enqueue(), so a test sees their effect at once; the tests of
# the queue itself switch to the database backend and run the real worker
# (tests/core/test_tasks.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Whitenoise serves from here (test runs do not collect static files).
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# The SQLite test database is a file, not :memory:, so that live-server tests
# can run requests in real concurrent threads, each with its own connection.
# A file of this run's own, so that two runs in one checkout never meet.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _test_db_dir = Path(tempfile.mkdtemp(prefix="community-test-db-"))
    atexit.register(shutil.rmtree, _test_db_dir, ignore_errors=True)
    DATABASES["default"]["TEST"] = {"NAME": str(_test_db_dir / "test-db.sqlite3")}
