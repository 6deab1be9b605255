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
  progress, registrations, an editor's Wagtail user bar) comes from small uncached
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
* ``purge()`` drops every cached page at once (a new version of the "site"
  tag). A change that can be named purges only what shows it
  (``core/page_purge.py``): every entry remembers the versions of the tags
  it depends on (the site, its exact path, each path prefix above it, and
  the names passed to ``depends_on()`` while it was rendered), and a purge
  gives a tag a new version. The cache is the shared ``default`` cache (a
  file cache under ``var/`` embedded, Redis in production), so a purge
  reaches every worker process. It takes effect when the transaction that
  made the change commits, so a page rendered meanwhile from the old rows
  is never kept.
* A miss renders once, not once per visitor: the first request takes a
  short lock in the shared cache (``cache.add``) and renders; the others
  are given the previous copy if there is one (kept ``PAGE_CACHE_STALE_SECONDS``
  past its expiry, like nginx's ``proxy_cache_use_stale updating``), or
  wait for the new one, polling, at most ``PAGE_CACHE_LOCK_SECONDS``. When
  the cache is out (django-redis answers ``None``) everyone renders.
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

GENERATION_KEY = "page-cache:generation"  # the version of the "site" tag
SITE = "site"
ALLOWED_COOKIES = {settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_NAME}
EXCLUDED_PREFIXES = ("/admin/", "/accounts/", "/documents/", "/static/", "/media/")
_UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")
# A tag's version is kept a day (the site's for ever): a tag that has gone
# makes every entry depending on it a miss, never a stale hit.
TAG_SECONDS = 24 * 3600
POLL_SECONDS = 0.05


class _Render:
    """What the page being rendered declared: moments it changes by itself
    and the tags it depends on (tag key -> version read then)."""

    def __init__(self):
        self.changes = []
        self.tags = {}


# The render under way (while the middleware handles a request; None outside).
_render = contextvars.ContextVar("page_cache_render", default=None)


def expires_by(moment):
    """The page being rendered shows something that changes at ``moment`` (an
    aware datetime, or None for never): it is cached until then at most."""
    state = _render.get()
    if state is not None and moment is not None:
        state.changes.append(moment)


def depends_on(tag):
    """The page being rendered shows something named ``tag`` (e.g. "courses"):
    ``purge_tags(tag)`` drops it."""
    state = _render.get()
    key = tag_key(tag)
    if state is not None and key not in state.tags:
        state.tags[key] = cache.get(key)


def _lifetime(seconds, changes):
    """Whole seconds to keep the page: never past its next change (0 = don't)."""
    if not changes:
        return seconds
    until = (min(changes) - timezone.now()).total_seconds()
    return max(0, min(seconds, int(until)))


# --- Tags -----------------------------------------------------------------


def path_tag(path):
    """Every cached response of exactly this path (any query string)."""
    return f"path:{path}"


def tree_tag(path):
    """Every cached response at or under this path ("/notices/" holds
    "/notices/?page=2", "/notices/feed/", "/notices/some-notice/")."""
    return f"tree:{path}"


def tag_key(tag):
    if tag == SITE:
        return GENERATION_KEY
    return "page-cache:tag:" + hashlib.sha256(tag.encode()).hexdigest()[:40]


def request_tags(path):
    tags = [SITE, path_tag(path)]
    prefix = "/"
    for part in (part for part in path.split("/") if part):
        prefix += part + "/"
        tags.append(tree_tag(prefix))
    return tags


def purge(*args, **kwargs):
    """Forget every cached page once the current transaction commits (at
    once outside a transaction). Signature fits any signal receiver.

    After commit, not before: a page requested while a change is being
    published (a reviewer's approval publishes inside a transaction) still
    reads the old rows, and a purge inside the transaction would let it be
    stored under the new version, stale for PAGE_CACHE_SECONDS."""
    transaction.on_commit(_purge_site, robust=True)


def purge_tags(*tags):
    """Forget the cached pages depending on any of ``tags`` after commit."""
    tags = list(tags)
    if tags:
        transaction.on_commit(lambda: _new_versions(tags), robust=True)


def _purge_site():
    _new_versions([SITE])
    from .page_purge import purge_frontend_site  # (it imports this module)

    purge_frontend_site()


def _new_versions(tags):
    for tag in tags:
        cache.set(tag_key(tag), uuid.uuid4().hex, None if tag == SITE else TAG_SECONDS)


def _create_missing(versions):
    """Give the tags that had no version when the render began one. False if
    one was given a version meanwhile (a purge): the render may be stale."""
    for key, version in versions.items():
        if version is None:
            new = uuid.uuid4().hex
            if not cache.add(key, new, None if key == GENERATION_KEY else TAG_SECONDS):
                return False
            versions[key] = new
    return True


# --- Which requests and responses -------------------------------------------


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


def _key(request):
    raw = f"{request.scheme}|{request.get_host()}|{request.get_full_path()}"
    return "page-cache:page:" + hashlib.sha256(raw.encode()).hexdigest()


# --- Entries ----------------------------------------------------------------


def _valid(entry, versions, unknown=()):
    """The entry was rendered from the current versions of all its tags (a
    tag in ``unknown`` had none when this request looked: any will do)."""
    if not isinstance(entry, dict):
        return False
    missing = [key for key in entry["tags"] if key not in versions]
    current = {**versions, **(cache.get_many(missing) if missing else {})}
    return all(
        version is not None and (current.get(key) == version or key in unknown)
        for key, version in entry["tags"].items()
    )


def _now():
    return timezone.now().timestamp()  # (the clock tests move, tests/clock.py)


def _unknown(versions):
    return {key for key, version in versions.items() if version is None}


def _fresh(entry):
    return entry["fresh_until"] > _now()


def _served(entry, label):
    response = entry["response"]
    if label == "stale":
        patch_cache_control(response, public=True, max_age=0, s_maxage=0)
    else:
        _mark_public(response, int(entry["fresh_until"] - _now()))
    response["X-Page-Cache"] = label
    return response


class _Lock:
    """Who renders a missing page: ``cache.add`` of a short-lived key.
    ``acquire()`` is True, False (someone else renders) or None (the cache is
    out: django-redis with IGNORE_EXCEPTIONS answers None)."""

    def __init__(self, key):
        self.key = key + ":lock"
        self.token = uuid.uuid4().hex
        self.held = False

    def acquire(self):
        seconds = getattr(settings, "PAGE_CACHE_LOCK_SECONDS", 5)
        taken = cache.add(self.key, self.token, seconds)
        self.held = bool(taken)
        return taken

    def release(self):
        if self.held and cache.get(self.key) == self.token:
            cache.delete(self.key)
        self.held = False


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "PAGE_CACHE_SECONDS", 0) or not _request_is_cacheable(request):
            return self.get_response(request)
        key = _key(request)
        tag_keys = [tag_key(tag) for tag in request_tags(request.path)]
        found = cache.get_many([key, *tag_keys])
        entry = found.get(key)
        versions = {tag: found.get(tag) for tag in tag_keys}
        if _valid(entry, versions) and _fresh(entry):
            return _served(entry, "hit")
        lock = _Lock(key)
        taken = lock.acquire()
        if taken is None:  # the cache is out: render, store nothing
            return self.get_response(request)
        if taken:
            # Stored by the renderer that held the lock just before?
            latest = cache.get(key)
            if _valid(latest, versions, _unknown(versions)) and _fresh(latest):
                lock.release()
                return _served(latest, "hit")
        elif isinstance(entry, dict):
            return _served(entry, "stale")  # someone is rendering the new copy
        else:
            waited = self._wait(key, versions, lock)
            if waited is not None:
                return waited
        try:
            return self._render(request, key, versions, stale=entry)
        finally:
            lock.release()

    def _wait(self, key, versions, lock):
        """Poll for the copy another request is rendering: its response, or
        None when this request should render (the lock came free, or waiting
        took longer than PAGE_CACHE_LOCK_SECONDS)."""
        unknown = _unknown(versions)
        deadline = time.monotonic() + getattr(settings, "PAGE_CACHE_LOCK_SECONDS", 5)
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            entry = cache.get(key)
            if _valid(entry, versions, unknown) and _fresh(entry):
                return _served(entry, "hit")
            if lock.acquire() is not False:
                return None
        return None

    def _render(self, request, key, versions, stale):
        state = _Render()
        token = _render.set(state)
        try:
            response = self.get_response(request)
            lifetime = _lifetime(settings.PAGE_CACHE_SECONDS, state.changes)
        finally:
            _render.reset(token)
        if lifetime and _response_is_cacheable(request, response):
            tags = {**versions, **state.tags}
            if _create_missing(tags):
                _mark_public(response, lifetime)
                entry = {"response": response, "fresh_until": _now() + lifetime, "tags": tags}
                stale_seconds = getattr(settings, "PAGE_CACHE_STALE_SECONDS", 3600)
                cache.set(key, entry, lifetime + stale_seconds)
                response["X-Page-Cache"] = "miss"
        elif stale is not None and response.status_code != 200:
            cache.delete(key)  # gone or moved: no stale copy of it for anyone
        return response


def _mark_public(response, seconds):
    """A shared cache in front (nginx, a CDN) may keep the page as long as we
    do (``s-maxage``); browsers ask again each time (``max-age=0``), since a
    purge cannot reach them."""
    patch_cache_control(response, public=True, max_age=0, s_maxage=max(0, seconds))


def purge_when_saved(model):
    """Class decorator: purge the page cache whenever instances are saved or deleted."""
    from django.db.models.signals import post_delete, post_save

    post_save.connect(purge, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
    post_delete.connect(purge, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")
    return model
