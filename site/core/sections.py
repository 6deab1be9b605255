"""Sections that apps add to pages they do not own.

**Home sections.** An app with something for the front page (the study
sessions' 直播预告, …) registers a function with the Wagtail hook
``register_home_section``: ``(now) -> dict | None``, a dict with ``template``
(rendered with the dict as ``section``), ``order``, optionally ``changes_at`` (the
next moment its output changes by itself, e.g. a session's start, when
直播预告 turns to 正在进行) and whatever the template needs; or None to stay
hidden. These pages are cached whole for anonymous visitors, so a section
gets the time, never the request: it shows the same to everyone, and the
cached page expires at the earliest ``changes_at`` of its sections
(``core.page_cache.expires_by``). A section shows on the home page only,
unless its function is marked ``@shown_on("home", "notices", "calendar")``
(the events' month calendar): it is not even called for other pages, so its
queries cost nothing there.

**Account sections.** Each app that has something personal to show on the
member's own page ("我的": my study, my registrations, my volunteer service)
registers a function with the Wagtail hook ``register_account_section``:
``(request) -> dict | None`` that returns ``{"title", "url", "description",
"order"}`` or None to stay hidden.
"""

from django.utils import timezone
from wagtail import hooks

from core import page_cache


def shown_on(*pages):
    """Marks a ``register_home_section`` function with the pages it shows on."""

    def mark(fn):
        fn.section_pages = pages
        return fn

    return mark


def sections_for(page="home", now=None):
    now = now or timezone.now()
    page_cache.depends_on("sections")  # what feeds them purges this tag (core/page_purge.py)
    sections = []
    for fn in hooks.get_hooks("register_home_section"):
        if page not in getattr(fn, "section_pages", ("home",)):
            continue
        section = fn(now)
        if section:
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
