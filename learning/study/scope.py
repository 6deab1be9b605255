"""Which branches a user administers, and everything scoped by it.

* Which branches a 远教管理员 is responsible for is data:
  ``Branch.administrators`` (edited by a community-level administrator in
  the branch form).
* A community-level administrator holds the permission
  ``study.manage_all_branches`` (granted to 社区远教管理员 by a data
  migration; superusers hold every permission) and sees every branch.

``branches_for(user)`` is the one answer; every list, lookup by id, export
and service of the study app filters through it (the helpers below), so
guessing the id of another branch's member, session, leave request or
reflection gives 404, not the object.
"""

from django.db.models import Exists, OuterRef
from django.http import Http404

from .models import Branch, StudySession

ALL_BRANCHES = "study.manage_all_branches"


def sees_all_branches(user):
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm(ALL_BRANCHES)
    )


def branches_for(user):
    """The branches this user administers (a queryset): every branch for a
    community-level administrator, none for someone without an account."""
    if sees_all_branches(user):
        return Branch.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return Branch.objects.none()
    return Branch.objects.filter(administrators=user)


def branch_ids_for(user):
    """``None`` (every branch) or the set of branch ids, remembered on the
    user object for the rest of the request."""
    if sees_all_branches(user):
        return None
    cached = getattr(user, "_study_branch_ids", None)
    if cached is None:
        cached = frozenset(branches_for(user).values_list("pk", flat=True))
        if user is not None:
            user._study_branch_ids = cached
    return cached


def branch_filter(user):
    """For the ledger's functions: ``None`` (every branch, no filter) or the
    user's branches as a queryset."""
    return None if sees_all_branches(user) else branches_for(user)


def within(queryset, user, branch_field="branch"):
    """``queryset`` limited to rows whose ``branch_field`` is one of the
    user's branches (unchanged for a community-level administrator)."""
    if sees_all_branches(user):
        return queryset
    return queryset.filter(**{f"{branch_field}__in": branches_for(user)})


def sessions_for(user, queryset=None):
    """Study sessions inviting at least one of the user's branches."""
    queryset = StudySession.objects.all() if queryset is None else queryset
    if sees_all_branches(user):
        return queryset
    through = StudySession.branches.through.objects.filter(
        studysession=OuterRef("pk"), branch__in=branches_for(user)
    )
    return queryset.filter(Exists(through))


def session_ids_for(user):
    """Ids of the sessions this user administers, remembered on the user
    object for the rest of the request (the page listing's buttons ask once
    per row)."""
    ids = getattr(user, "_study_session_ids", None)
    if ids is None:
        ids = user._study_session_ids = frozenset(sessions_for(user).values_list("pk", flat=True))
    return ids


def session_branch_ids(session, user):
    """The session's invited branches that this user administers."""
    invited = session.branch_ids()
    allowed = branch_ids_for(user)
    return [pk for pk in invited if allowed is None or pk in allowed]


def get_or_404(queryset, user, pk, branch_field="branch"):
    """One object by id, only if it belongs to one of the user's branches."""
    found = within(queryset, user, branch_field).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def session_or_404(user, pk):
    """The session with its invited branches read once (``branch_ids()`` and
    ``invited_members()`` then ask nothing)."""
    session = sessions_for(user).filter(pk=pk).prefetch_related("branches").first()
    if session is None:
        raise Http404
    return session
