"""我的数据: every person can take their data out and erase it (PIPL arts. 45
and 47).

This module is the contract, on the ground floor so that every app can use
it without knowing the others. Each app that keeps something about a person
registers a provider with the Wagtail hook ``register_personal_data``: a
function without arguments that returns a ``PersonalData``::

    @hooks.register("register_personal_data")
    def my_personal_data():
        return PersonalData(
            key="event_registrations",   # its key in the download
            label=_("活动报名"),          # its heading on the page and in the file
            export=export,               # (user) -> JSON-serialisable
            erase=erase,                 # (user, actor, now) -> None
            summary=summary,             # (user) -> ["活动报名 3 条", ...]
            erased=_("…"),               # plain Chinese: what deletion erases
            kept=_("…"),                 # plain Chinese: what stays anonymised, and why
            order=20,
        )

``export`` may return dates, datetimes, decimals and lazy strings as well:
the download writes them as ISO 8601 (local time, Asia/Shanghai) and text.
``erase`` runs inside the one transaction of
``accounts.personal_data.erase_account`` (which, with the download and the
我的数据 page, stays in accounts), after the user row is locked and before it
is deleted; it sends mail only through
``transaction.on_commit`` (the existing services do) and must leave no name,
phone number or text the person gave, keeping figures on anonymised rows.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from wagtail import hooks

HOOK = "register_personal_data"


@dataclass(frozen=True)
class PersonalData:
    key: str
    label: str
    export: Callable
    erase: Callable
    summary: Callable = None
    erased: str = ""
    kept: str = ""
    order: int = 100


def erased_name():
    """What an anonymised row shows where the person's name was."""
    return _("已注销用户")


def providers():
    found = [fn() for fn in hooks.get_hooks(HOOK)]
    return sorted((p for p in found if p is not None), key=lambda p: (p.order, p.key))
