"""Responses that differ per person.

A personal page (a registration, a form, "我的…", a download of someone's
data) must never be kept by a browser's back/forward cache, a proxy or the
anonymous page cache (``core.page_cache``). ``private`` decorates such a view;
``private_response`` marks one response (for helpers that build a download,
or a view whose other answers are public).
"""

from functools import wraps

from django.utils.cache import patch_cache_control

from .page_cache import exclude_from_cache


def private_response(response):
    """``Cache-Control: private, no-store``, and never stored by the page cache."""
    patch_cache_control(response, private=True, no_store=True)
    return exclude_from_cache(response)


def private(view):
    """View decorator: every response of ``view`` (redirects included) is
    ``private_response``. Put it outermost, above ``login_required``."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return private_response(view(request, *args, **kwargs))

    return wrapped
