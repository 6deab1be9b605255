"""Wagtail's ``PageQuerySet.public()`` reads every page view restriction
each time it is called, and a page that lists notices, events, a menu and
two home sections calls it six times; serving a page reads its ancestors and
their restrictions once more. While a GET or HEAD request is handled
(``RequestScopeMiddleware``), the restrictions are read once and reused by
every ``public()``/``not_public()`` of that request, and a page is known to
have none without two more queries when the site has none at all. Outside
such a request (a POST that may add one, commands, the shell) Wagtail's own
queries run unchanged.

Reading them once per request, not once per process, means a restriction
an editor adds applies to the very next request."""

import contextvars

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

# The restricted pages of the current request (None outside a request, a
# list once read).
_UNREAD = object()
_restricted = contextvars.ContextVar("restricted_pages", default=None)
_wagtail_private_q = PageQuerySet.private_q
_wagtail_get_view_restrictions = Page.get_view_restrictions


def _restricted_pages():
    pages = _restricted.get()
    if pages is _UNREAD:
        pages = [r.page for r in PageViewRestriction.objects.select_related("page")]
        _restricted.set(pages)
    return pages


def private_q(queryset):
    """The same filter as Wagtail's ``private_q``, from this request's list."""
    pages = _restricted_pages()
    if pages is None:
        return _wagtail_private_q(queryset)
    q = Q()
    for page in pages:
        q |= queryset.descendant_of_q(page, inclusive=True)
    return q if q else Q(pk__in=[])


def get_view_restrictions(page):
    """Wagtail's answer, or no restriction at all without asking when this
    request already read that the site has none."""
    if _restricted_pages() == []:
        return PageViewRestriction.objects.none()
    return _wagtail_get_view_restrictions(page)


def install():
    PageQuerySet.private_q = private_q
    Page.get_view_restrictions = get_view_restrictions


class RequestScopeMiddleware:
    """Opens the per-request memory of the view restrictions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _restricted.set(_UNREAD)
        try:
            return self.get_response(request)
        finally:
            _restricted.reset(token)
