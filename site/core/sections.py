"""Sections that apps add to pages they do not own.

**Home sections.** An app with something for the front page (the study
sessions' 直播预告, …) registers a function with the Wagtail hook
``register_home_section``: ``(now) -> dict | None``, a dict with ``template``
(rendered with the dict as ``section``), ``order``, optionally ``pages``
(where it shows: ``"home"``, ``"notices"``, ``"calendar"`` (the events' month
calendar); the home page only by default), optionally ``changes_at`` (the
next moment its output changes by itself, e.g. a session's start, when
直播预告 turns to 正在进行) and whatever the template needs; or None to stay
hidden. These pages are cached whole for anonymous visitors, so a section
gets the time, never the request: it shows the same to everyone, and the
cached page expires at the earliest ``changes_at`` of its sections
(``core.page_cache.expires_by``).

**Account sections.** Each app that has something personal to show on the
member's own page ("我的": my study, my registrations, my volunteer service)
registers a function with the Wagtail hook ``register_account_section``:
``(request) -> dict | None`` that returns ``{"title", "url", "description",
"order"}`` or None to stay hidden.
"""

from django.utils import timezone
from wagtail import hooks

from core import page_cache


def sections_for(page="home", now=None):
    now = now or timezone.now()
    page_cache.depends_on("sections")  # what feeds them purges this tag (core/page_purge.py)
    sections = []
    for fn in hooks.get_hooks("register_home_section"):
        section = fn(now)
        if section and page in section.get("pages", ("home",)):
            sections.append(section)
            page_cache.expires_by(section.get("changes_at"))
    return sorted(sections, key=lambda s: (s.get("order", 100), s["template"]))


def account_sections(request):
    sections = []
    for fn in hooks.get_hooks("register_account_section"):
        section = fn(request)
        if section:
            sections.append(section)
    return sorted(sections, key=lambda s: (s.get("order", 100), str(s["title"])))
