"""Named purges: a published, unpublished or deleted page purges what shows
it, in the page cache (``core.page_cache``) and in a frontend cache (nginx,
Varnish) when one is configured.

A page type says where it is shown with a method ``cache_scope(self)``
returning an iterable of:

* a ``Page``: that page's own addresses (Wagtail's ``get_cached_paths()``:
  ``"/"``, its routes, its paginated pages); in the page cache every query
  string of each of those paths;
* ``(page, paths)``: those paths of that page (e.g. the calendar months an
  event is in);
* ``Subtree(page)``: that page, every route and every page under it;
* a string: a tag the pages showing it name with ``page_cache.depends_on``
  while they render (a study session names "courses").

The changed page itself is always purged with its routes and the pages under
it. A page type without ``cache_scope`` (the home page, the section pages
that are in every page's menu, ...), a moved page or a changed slug clears
the whole cache, as do images, documents, the Site and the models that are
``purge_when_saved``.

The frontend cache gets the same purges as HTTP PURGE requests of whole
addresses (Wagtail's ``wagtail.contrib.frontend_cache``, enqueued as a task
that runs after the commit), where a page names its query strings itself
(``?page=2``, ``?month=2026-12``); a whole clear purges every live page's
addresses. Configured by ``FRONTEND_CACHE_PURGE_URL`` (docs/operations.md).
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django_tasks import task

from . import page_cache


class Subtree:
    def __init__(self, page):
        self.page = page


def site_root(page):
    """The root page of the site ``page`` is on (the home page), or None."""
    site = page.get_site()
    return site.root_page if site else None


def frontend_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _page_path(page):
    parts = page.get_url_parts()
    return parts[2] if parts else None


def _scope(page):
    """(tags, frontend urls) to purge for a change of ``page``; None: everything."""
    method = getattr(page, "cache_scope", None)
    path = _page_path(page) if method is not None else None
    if path is None:
        return None
    tags = {page_cache.tree_tag(path)}
    urls = set(_urls(page, None))
    for item in method():
        if isinstance(item, str):
            tags.add(item)
            continue
        if isinstance(item, Subtree):
            target, paths, subtree = item.page, None, True
        elif isinstance(item, tuple):
            (target, paths), subtree = item, False
        else:
            target, paths, subtree = item, None, False
        if target is None:
            continue
        target = target.specific_deferred
        base = _page_path(target)
        if base is None:
            continue
        paths = list(paths if paths is not None else target.get_cached_paths())
        if subtree:
            tags.add(page_cache.tree_tag(base))
        tags.update(page_cache.path_tag(base + p.lstrip("/").split("?")[0]) for p in paths)
        urls.update(_urls(target, paths))
    return tags, urls


def _urls(page, paths):
    if not frontend_configured():
        return []
    base = page.get_full_url()
    if base is None:
        return []
    paths = paths if paths is not None else page.specific_deferred.get_cached_paths()
    return [base + p.lstrip("/") for p in paths]


def purge_page(page):
    """Purge what shows ``page`` after the current transaction commits."""
    scope = _scope(page.specific_deferred)
    if scope is None:
        page_cache.purge()
        return
    tags, urls = scope
    page_cache.purge_tags(*tags)
    if urls:
        transaction.on_commit(lambda: _purge_frontend(urls), robust=True)


def _purge_frontend(urls):
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(sorted(urls))


# Set while a whole-site frontend purge waits in the queue: the one waiting
# reads the pages when it runs, so the clears meanwhile need no other.
SITE_PURGE_PENDING = "page-cache:frontend-site-purge-pending"


def purge_frontend_site():
    """After a whole clear: every live page's addresses, in the background
    (one task for a burst of clears)."""
    if frontend_configured() and cache.add(SITE_PURGE_PENDING, 1, 3600) is not False:
        purge_live_pages_from_frontend.enqueue()


@task()
def purge_live_pages_from_frontend():
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    cache.delete(SITE_PURGE_PENDING)  # a clear from now on queues another

    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().public().specific(defer=True))
    batch.purge()


def _purge_page_receiver(sender, instance, **kwargs):
    purge_page(instance)


def connect_purge_signals():
    """Purge on every change Wagtail reports for pages, images and documents,
    and when the Site's address changes (feeds and calendar files carry it)."""
    from django.db.models.signals import post_delete, post_save, pre_delete
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Site
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    purge = page_cache.purge
    for signal in (page_published, page_unpublished):
        signal.connect(_purge_page_receiver, dispatch_uid=f"page-cache-named-{id(signal)}")
    # A deleted live page is unpublished without the signal (commit=False):
    # named here, while its rows still exist.
    pre_delete.connect(_purge_page_receiver, sender=Page, dispatch_uid="page-cache-page-delete")
    for signal in (page_slug_changed, post_page_move):
        signal.connect(purge, dispatch_uid=f"page-cache-purge-{id(signal)}")
    for model in (get_image_model(), get_document_model(), Site):
        post_save.connect(purge, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
        post_delete.connect(
            purge, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}"
        )
