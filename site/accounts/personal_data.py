"""我的数据: every person can take their data out and erase it (PIPL arts. 45
and 47).

The providers (what each app keeps about a person) are registered through
the contract in ``core.personal_data``; this module puts them together: the
download, the summary and rules on the 我的数据 page, and ``erase_account``,
the one service that erases a person's data and deletes the account.
"""

import datetime
import json

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core import page_cache
from core import personal_data as contract
from core.errors import DomainError

ERASE_PERMISSION = "accounts.erase_personal_data"
FORMAT = "community-personal-data/1"


class PersonalDataError(DomainError):
    pass


def is_staff_account(user):
    """Staff (anyone with a role, admin access or permissions of their own)
    are handled by an administrator: their work must be handed over first."""
    return bool(
        user.is_staff or user.is_superuser or user.groups.exists() or user.user_permissions.exists()
    )


# --- Taking the data out ----------------------------------------------------------------


class _Encoder(DjangoJSONEncoder):
    """Django's (dates, decimals, lazy strings), with times in local time."""

    def default(self, o):
        if isinstance(o, datetime.datetime) and o.tzinfo:
            return timezone.localtime(o).isoformat(timespec="seconds")
        return super().default(o)


def export(user, now=None):
    """Everything the site holds about ``user``: one key per provider."""
    now = now or timezone.now()
    found = contract.providers()
    data = {
        "format": FORMAT,
        "exported_at": now,
        "contents": {p.key: p.label for p in found},
    }
    for provider in found:
        data[provider.key] = provider.export(user)
    return data


def export_json(user, now=None):
    return json.dumps(export(user, now), cls=_Encoder, ensure_ascii=False, indent=2)


def summary(user):
    """[(label, [lines])] for the 我的数据 page, in the providers' order."""
    return [
        (provider.label, list(provider.summary(user)) if provider.summary else [])
        for provider in contract.providers()
    ]


def rules():
    """[(label, erased, kept)]: what deletion does, per kind of data."""
    return [(p.label, p.erased, p.kept) for p in contract.providers() if p.erased or p.kept]


# --- Erasing ----------------------------------------------------------------------------


def check_can_erase(user, actor):
    """Raise PersonalDataError unless ``actor`` may erase ``user``'s account:
    a person their own (staff excepted), an administrator with the
    permission anyone else's (a superuser's only as a superuser)."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise PersonalDataError(_("请先登录。"))
    if actor.pk == user.pk:
        if is_staff_account(user):
            raise PersonalDataError(
                _("工作人员账户不能自行注销：请先移交您负责的工作，再请管理员在后台“用户”中注销。")
            )
        return
    if not actor.has_perm(ERASE_PERMISSION):
        raise PersonalDataError(_("您没有注销他人账户的权限。"))
    if user.is_superuser and not actor.is_superuser:
        raise PersonalDataError(_("只有超级管理员可以注销超级管理员的账户。"))


def erase_account(user, actor, now=None):
    """Erase everything about ``user`` and delete the account, in one
    transaction: every provider erases its part (future registrations and
    sign-ups are cancelled through their services, so waiting lists move up
    and the promoted are told after commit), then the user row goes. Public
    pages that showed anything of theirs are purged after commit."""
    now = now or timezone.now()
    check_can_erase(user, actor)
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        # The admin's history keeps that an account was erased, and by whom,
        # without naming the person.
        log(
            instance=user,
            action="wagtail.delete",
            user=None if actor.pk == user.pk else actor,
            title=contract.erased_name(),
            deleted=True,
        )
        for provider in contract.providers():
            provider.erase(user, actor, now)
        user.delete()
        transaction.on_commit(page_cache.purge)
