"""Sections of the member's own page ("我的").

Each app that has something personal to show (my study, my registrations, my
volunteer service) registers a section with the Wagtail hook
``register_account_section``: a function ``(request) -> dict | None`` that
returns ``{"title", "url", "description", "order"}`` or None to stay hidden.
"""

from wagtail import hooks


def account_sections(request):
    sections = []
    for fn in hooks.get_hooks("register_account_section"):
        section = fn(request)
        if section:
            sections.append(section)
    return sorted(sections, key=lambda s: (s.get("order", 100), str(s["title"])))
