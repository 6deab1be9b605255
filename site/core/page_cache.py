"""Whole-page cache for every visitor, purged whenever content changes.

An anonymous visitor's page should cost close to a static file (measured in
docs/benchmarks.md). The
public HTML is therefore the same for every anonymous visitor: the
elder-friendly mode lives in local storage, login state is not printed into
cached pages, and live figures are fetched separately. That makes whole pages
cacheable:

* Only GET requests that carry no cookie except ``csrftoken`` and the session
  cookie are served from or stored in the cache: a logged-in member gets the
  same page as an anonymous visitor, and what is theirs (the header's 我的/登录,
  progress, registrations, an editor's 编辑此页) comes from small uncached
  requests. A pending message (the ``messages`` cookie; messages are kept in
  a cookie, never in the session) or anything else: the request goes
  straight through.
* A member's render is stored only if it never read the session (so never
  ``request.user``): a page that shows something about the person asking is
  never kept for others, even if its view forgot to say so.
* Wagtail pages are cached by default; other views opt in with
  ``@cache_for_anonymous``. A response opts out with ``exclude_from_cache()``
  or a ``Cache-Control: private/no-cache/no-store`` header. A response that
  sets a cookie or used a CSRF token is never stored.
* ``purge()`` drops every cached page at once by moving to a new generation
  key. It runs on publish, unpublish, move and delete of any page, and on
  changes to images, documents and site settings; apps call it when something
  else shown on public pages changes. The cache is the shared ``default``
  cache (a file cache under ``var/`` embedded, Redis in production), so a purge
  reaches every worker process. It takes effect when the transaction that
  made the change commits, so a page rendered meanwhile from the old rows
  is never kept.
* A stored page, and every hit, carries ``Cache-Control: public, max-age=0,
  s-maxage=<seconds it has left>``, so a frontend cache (nginx, a CDN) may
  hold it no longer than we do; browsers revalidate.
* A page that shows something about to change by itself (a 直播预告 that turns
  to 正在进行 at the start time) calls ``expires_by(moment)`` while it is
  rendered; its entry then lives ``min(PAGE_CACHE_SECONDS, until moment)``,
  rounded down, so a cached page never outlives the state it shows.
"""

import contextvars
import hashlib
import time
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.cache import patch_cache_control

GENERATION_KEY = "page-cache:generation"
ALLOWED_COOKIES = {settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_NAME}
EXCLUDED_PREFIXES = ("/admin/", "/accounts/", "/documents/", "/static/", "/media/")
_UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")

# The moments at which the page being rendered changes by itself (a list per
# request while the middleware handles one; None outside).
_changes = contextvars.ContextVar("page_cache_changes", default=None)


def expires_by(moment):
    """The page being rendered shows something that changes at ``moment`` (an
    aware datetime, or None for never): it is cached until then at most."""
    changes = _changes.get()
    if changes is not None and moment is not None:
        changes.append(moment)


def _lifetime(seconds, changes):
    """Whole seconds to keep the page: never past its next change (0 = don't)."""
    if not changes:
        return seconds
    until = (min(changes) - timezone.now()).total_seconds()
    return max(0, min(seconds, int(until)))


def purge(*args, **kwargs):
    """Forget every cached page once the current transaction commits (at
    once outside a transaction). Signature fits any signal receiver.

    After commit, not before: a page requested while a change is being
    published (a reviewer's approval publishes inside a transaction) still
    reads the old rows, and a purge inside the transaction would let it be
    stored under the new generation, stale for PAGE_CACHE_SECONDS."""
    transaction.on_commit(_new_generation, robust=True)


def _new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def cache_for_anonymous(view):
    """Let a (non-Wagtail) view's responses be cached for anonymous visitors."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if getattr(response, "anonymous_page_cache", None) is None:
            response.anonymous_page_cache = True
        return response

    return wrapped


def exclude_from_cache(response):
    response.anonymous_page_cache = False
    return response


def _request_is_cacheable(request):
    if request.method != "GET":
        return False
    if {name for name, value in request.COOKIES.items() if value} - ALLOWED_COOKIES:
        return False  # (an emptied cookie, such as shown messages, carries nothing)
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not request.path.startswith(EXCLUDED_PREFIXES)


def _response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page carries a CSRF token bound to this visitor
    session = getattr(request, "session", None)
    if settings.SESSION_COOKIE_NAME in request.COOKIES and session is not None and session.accessed:
        return False  # a member's page that read who they are
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in _UNCACHEABLE_DIRECTIVES):
        return False
    flag = getattr(response, "anonymous_page_cache", None)
    if flag is not None:
        return flag
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name == "wagtail_serve")


def _key(request, generation):
    raw = f"{request.scheme}|{request.get_host()}|{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"page-cache:{generation}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if not seconds or not _request_is_cacheable(request):
            return self.get_response(request)
        key = _key(request, _generation())
        cached = cache.get(key)
        if isinstance(cached, tuple):
            response, expires_at = cached
            _mark_public(response, int(expires_at - time.time()))
            response["X-Page-Cache"] = "hit"
            return response
        token = _changes.set([])
        try:
            response = self.get_response(request)
            lifetime = _lifetime(seconds, _changes.get())
        finally:
            _changes.reset(token)
        if lifetime and _response_is_cacheable(request, response):
            _mark_public(response, lifetime)
            cache.set(key, (response, time.time() + lifetime), lifetime)
            response["X-Page-Cache"] = "miss"
        return response


def _mark_public(response, seconds):
    """A shared cache in front (nginx, a CDN) may keep the page as long as we
    do (``s-maxage``); browsers ask again each time (``max-age=0``), since a
    purge cannot reach them."""
    patch_cache_control(response, public=True, max_age=0, s_maxage=max(0, seconds))


def connect_purge_signals():
    """Purge on every change Wagtail reports for pages, images and documents,
    and when the Site's address changes (feeds and calendar files carry it)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Site
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(purge, dispatch_uid=f"page-cache-purge-{id(signal)}")
    post_delete.connect(purge, sender=Page, dispatch_uid="page-cache-purge-page-delete")
    for model in (get_image_model(), get_document_model(), Site):
        post_save.connect(purge, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
        post_delete.connect(
            purge, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}"
        )


def purge_when_saved(model):
    """Class decorator: purge the page cache whenever instances are saved or deleted."""
    from django.db.models.signals import post_delete, post_save

    post_save.connect(purge, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
    post_delete.connect(purge, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")
    return model
