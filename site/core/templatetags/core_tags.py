import re

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from core.privacy import mask_name, mask_phone

register = template.Library()

register.filter("mask_phone", mask_phone)
register.filter("mask_name", mask_name)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one),
    e.g. pagination links that keep the active filters."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = urlencode(sorted(params.lists()), doseq=True)
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("core/pagination.html", takes_context=True)
def pagination(context, page_obj, label=None):
    """Previous/next links, page numbers with the middle elided, and the
    position in words, keeping every other query parameter."""
    paginator = page_obj.paginator
    return {
        "request": context["request"],
        "page_obj": page_obj,
        "label": label or _("分页"),
        "pages": list(paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)),
        "ellipsis": paginator.ELLIPSIS,
    }


@register.inclusion_tag("core/main_menu.html", takes_context=True)
def main_menu(context):
    """The site's top-level pages that editors marked "show in menus"."""
    request = context["request"]
    site = Site.find_for_request(request)
    items = []
    if site is not None:
        for page in site.root_page.get_children().live().public().in_menu():
            url = page.get_url(request)
            items.append(
                {"title": page.title, "url": url, "current": request.path.startswith(url or "-")}
            )
    return {"items": items, "current_path": request.path, "request": request}


@register.filter
def described_widget(field):
    """Render a form field's widget tied to its help text and error message, so
    that a screen reader announces both with the field."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_help")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    attrs = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def highlight(text, query):
    """``text`` escaped, with the words of the search ``query`` (segmented as
    the search backend segments it) marked: 基层<mark>党建</mark>工作."""
    from core.search_backend import segment_query_string

    text = str(text or "")
    words = sorted(set(segment_query_string(str(query or "")).split()), key=len, reverse=True)
    if not text or not words:
        return conditional_escape(text)
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    spans = []  # adjacent words make one mark: <mark>防范电信诈骗</mark>
    for match in pattern.finditer(text):
        if spans and spans[-1][1] == match.start():
            spans[-1][1] = match.end()
        else:
            spans.append([match.start(), match.end()])
    parts, last = [], 0
    for start, end in spans:
        parts.append(conditional_escape(text[last:start]))
        parts.append(format_html("<mark>{}</mark>", text[start:end]))
        last = end
    parts.append(conditional_escape(text[last:]))
    return mark_safe("".join(parts))


@register.simple_tag
def media_crossorigin():
    """`` crossorigin="anonymous"`` for a <video> or <audio> when media is on
    another origin (MEDIA_ORIGIN: object storage, a CDN): the browser then
    asks for the file and its subtitle <track> with CORS, without which
    Chromium drops a track from another origin. Nothing for local media."""
    if settings.MEDIA_ORIGIN:
        return mark_safe(' crossorigin="anonymous"')
    return ""
