"""A member logged in before the login backend changed stays logged in."""

import importlib

import pytest
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session

pytestmark = pytest.mark.django_db

migration = importlib.import_module("accounts.migrations.0006_sessions_use_permission_backend")


def test_a_session_opened_with_the_old_backend_is_still_logged_in_after_the_migration(client, user):
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = migration.OLD
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store.create()
    client.cookies["sessionid"] = store.session_key
    assert client.get("/accounts/me/").status_code == 302  # the old backend is unknown now

    migration.rename_backend(apps, None)

    session = Session.objects.get(session_key=store.session_key)
    assert session.get_decoded()["_auth_user_backend"] == migration.NEW
    assert client.get("/accounts/me/").status_code == 200
