"""One personal request per page (issue "Member speed").

A page cached for everyone gets what is the visitor's own from small
uncached views: places left and their own registration on an event, their
progress on a course, their sign-ups on a volunteer activity. Each such view
keeps its own URL (the plain link without JavaScript, and what a widget
falls back to), and is marked ``@personal_part``. ``core/js/personal.js``
asks ``/accounts/personal/`` once, with the URL of every part the page holds
(``data-personal-part``); ``answer_parts`` answers each from its view, for
the same request and user, so a page costs one personal request, not one per
widget. Only marked views are answered, at most ``MAX_PARTS`` of them.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import Resolver404, resolve

MAX_PARTS = 4


def personal_part(view):
    """Marks a GET view that ``answer_parts`` may answer within the personal
    request. It must read nothing from the query string."""
    view.personal_part = True
    return view


def _answer(request, url):
    if not url.startswith("/") or url.startswith("//") or "?" in url or "#" in url:
        return None
    try:
        match = resolve(url)
    except Resolver404:
        return None
    if not getattr(match.func, "personal_part", False):
        return None
    try:
        response = match.func(request, *match.args, **match.kwargs)
    except Http404:
        return {"status": 404, "body": ""}
    except PermissionDenied:
        return {"status": 403, "body": ""}
    if hasattr(response, "render"):
        response.render()
    return {
        "status": response.status_code,
        "type": response.get("Content-Type", ""),
        "body": response.content.decode(response.charset or "utf-8"),
    }


def answer_parts(request, urls):
    """``{url: {"status", "type", "body"}}`` for each marked view's URL."""
    parts = {}
    for url in list(dict.fromkeys(urls))[:MAX_PARTS]:
        answer = _answer(request, url)
        if answer is not None:
            parts[url] = answer
    return parts
