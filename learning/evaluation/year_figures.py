"""Members' year beside the ballot results in 组织评定, assembled through
the Wagtail hook ``register_member_year_figures`` (docs/architecture.md,
"Extension points"). Each registered function is called with
``(members, year)`` — a list of ``study.Member`` (``.pk``, ``.user_id``
(may be None), ``.phone``, ``.branch_id``) — and returns
``{member pk: [{"key", "label", "value", "order"}, …]}`` (a member it has
nothing for may be left out). It answers for all the members at once in a
fixed number of queries, so a page of 50 members costs what one does.
Study registers sessions attended, courses completed and 学时 against the
target; volunteers its approved service hours; meetings its attendance.
Apps that evaluation may not import (volunteers) reach it this way."""

from wagtail import hooks

HOOK = "register_member_year_figures"


def figures_for_members(members, year):
    """{member pk: every app's figures of the member's year, in ``order``}."""
    members = list(members)
    found = {m.pk: [] for m in members}
    if not members:
        return found
    for fn in hooks.get_hooks(HOOK):
        for pk, figures in (fn(members, year) or {}).items():
            if pk in found:
                found[pk].extend(figures)
    return {
        pk: sorted(figures, key=lambda f: (f["order"], f["key"])) for pk, figures in found.items()
    }


def figures_for(member, year):
    """One member's figures (the 组织评定 screen of a member)."""
    return figures_for_members([member], year)[member.pk]
