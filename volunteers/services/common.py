"""What every volunteers service shares: the error it raises, the permission
codenames a rule consults, and what is done after a commit (purging the page cache,
telling volunteers moved up from a waiting list).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import page_cache
from core.errors import DomainError

from .. import notifications


class VolunteerError(DomainError):
    pass


# Permission codenames granted to 志愿者协调员 by data migrations; rules and
# screens ask for these, never for the group's name (an admin may rename it).
COORDINATE = "volunteers.coordinate_volunteers"
REVIEW_VOLUNTEERS = "volunteers.review_volunteer"
APPROVE_RECORDS = "volunteers.approve_servicerecord"
MODERATE_WISHES = "volunteers.moderate_wish"


def may(user, permission):
    return user is not None and user.has_perm(permission)


def _require(actor, permission):
    if not may(actor, permission):
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
