"""``make dev``: the local settings with DEBUG on, for runserver."""

from .local import *  # noqa: F403
from .local import STORAGES

DEBUG = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# runserver starts no background worker: tasks (Wagtail's, and mail, printed
# to the console) run inside the request, as before the queue existed.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
