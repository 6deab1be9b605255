"""A member's year beside the ballot results in 组织评定, assembled through
the Wagtail hook ``register_member_year_figures`` (docs/architecture.md,
"Extension points"): each registered function is called with
``(member, year)`` — a ``study.Member`` (``.pk``, ``.user_id`` (may be
None), ``.phone``, ``.branch_id``) — and returns a list of
``{"key", "label", "value", "order"}`` dicts (or an empty list). Study
registers sessions attended, courses completed and 学时 against the
target; volunteers its approved service hours; meetings its attendance.
Apps that evaluation may not import (volunteers) reach it this way."""

from wagtail import hooks

HOOK = "register_member_year_figures"


def figures_for(member, year):
    """Every app's figures of the member's year, in ``order``."""
    found = []
    for fn in hooks.get_hooks(HOOK):
        found.extend(fn(member, year) or [])
    return sorted(found, key=lambda f: (f["order"], f["key"]))
