"""``make dev``: the local settings with DEBUG on, for runserver."""

from .local import *  # noqa: F403
from .local import STORAGES

DEBUG = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
