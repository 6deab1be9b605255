"""What every volunteers service shares: the error it raises, who counts as a
coordinator, and what is done after a commit (purging the page cache,
telling volunteers moved up from a waiting list).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import VOLUNTEER_COORDINATORS, has_role
from core import page_cache
from core.errors import DomainError

from .. import notifications


class VolunteerError(DomainError):
    pass


def is_coordinator(user):
    return user is not None and has_role(user, VOLUNTEER_COORDINATORS)


def _require_coordinator(actor):
    if not is_coordinator(actor):
        raise VolunteerError(_("只有志愿者协调员可以进行这项操作。"))


def _purge_after_commit():
    transaction.on_commit(page_cache.purge)


def _tell_promoted_after_commit(promoted):
    """Those moved up from a waiting list are told by e-mail once the change
    is committed (as the events app does for its registrations)."""
    ids = [signup.pk for signup in promoted]
    if ids:
        transaction.on_commit(lambda: notifications.shift_promoted(ids))


def _local(value):
    return timezone.localtime(value)


def _fmt(value):
    return f"{_local(value):%m月%d日 %H:%M}"
