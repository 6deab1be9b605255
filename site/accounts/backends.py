"""Django's ModelBackend reads a user's permissions in two queries (their own,
then their groups'), on every page that checks one (the admin's screens, the
Wagtail user bar, "我的"). This backend reads both in one, with the same
result and the same per-request memory on the user object; and it reads the
logged-in user together with their Wagtail profile (language, time zone),
which every admin screen reads next.

A view that has read the session's user already (the course player's
progress report reads the member with their progress row) passes it with
``user_already_read(user)``: the user is then taken from it, and Django
still checks the session against it (password hash, active) as always."""

import contextlib
import contextvars

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db.models import Q

_already_read = contextvars.ContextVar("user_already_read", default=None)


@contextlib.contextmanager
def user_already_read(user):
    token = _already_read.set(user)
    try:
        yield
    finally:
        _already_read.reset(token)


class PermissionBackend(ModelBackend):
    def get_user(self, user_id):
        known = _already_read.get()
        if known is not None and known.pk == user_id:
            return known if self.user_can_authenticate(known) else None
        users = get_user_model()._default_manager.select_related("wagtail_userprofile")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissions = Permission.objects.all()
            if not user_obj.is_superuser:
                permissions = permissions.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in permissions.values_list(
                    "content_type__app_label", "codename"
                ).order_by()
            }
        return user_obj._perm_cache


def session_user_id(request):
    """The id of the user the session says is logged in (not yet checked:
    ``request.user`` checks it), or None."""
    try:
        return get_user_model()._meta.pk.to_python(request.session[SESSION_KEY])
    except (KeyError, ValidationError):
        return None
