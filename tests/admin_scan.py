"""Walks the Wagtail admin as one user and finds every label shown in Latin
letters only (an English string that escaped translation).

Screens are discovered, not listed: the sidebar menu (its JSON props), then
every admin link on each screen visited, one screen per URL shape (numbers
replaced), up to a limit. Choosers open in a modal that no link leads to:
the caller lists them (``also``), and their JSON steps are read as screens.
Actions are never taken: only GET requests, and links that would change
something on GET (log out, unlock, …) are skipped. A screen one user may not
open is left for the next user to scan.

What counts as a label: text nodes outside <script>/<style>, the values of
placeholder, title, aria-label and alt attributes and of submit inputs, and
the strings the admin's JavaScript shows (wagtail-config STRINGS, the
sidebar's menu labels at every depth). A screen whose breadcrumbs name only
首页 (a custom screen that does not say where it is) is reported too. A
label fails if, after removing allowed tokens (product and format names,
URLs, e-mail addresses, file names and paths, time-zone names, slugs and
model names shown as data), it still has a Latin word: "Masked phone",
"True", and also "New: 学习计划".
"""

import json
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_NAMES = (
    "Wagtail|Excel|PDF|QR|ICS|iCal|RSS|WebVTT|VTT|MP4|WebM|Ogg|HTML|CSV|TSV|XLSX|URL|ID|API|"
    "JSON|SVG|JPE?G|PNG|GIF|WebP|H\\.264|AAC|Theora|Vorbis|VP8|HD|SD|Markdown|WPS|Office|"
    "ffmpeg|UTC|GMT|zh-hans|zh-CN|kB|KB|MB|GB|px|am|pm|localhost"
)
ALLOWED = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+|\S+\.com\S*|"  # URLs, e-mail addresses
    r"[\w./-]+\.(?:mp4|webm|ogg|mov|pdf|docx?|xlsx?|pptx?|csv|zip|txt|vtt|jpe?g|png|gif|webp|svg)(?![A-Za-z])|"
    r"(?<![A-Za-z])(?:[A-Z][A-Za-z]+/)+[A-Za-z_+-]+|"  # time zones: Asia/Shanghai
    r"(?<![A-Za-z])[a-z0-9]+(?:-[a-z0-9]+)+|(?<![A-Za-z])[a-z]+\.[a-z_]+|"  # slugs, app.model (data)
    r"%\(\w+\)[sd]|%[sd]|\{\w*\}|"  # placeholders in the JavaScript's strings
    rf"(?<![A-Za-z])(?:{_NAMES})(?![A-Za-z])",
    re.IGNORECASE,
)
TEXT_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "data-w-tooltip-content-value")
SKIP_TAGS = {"script", "style", "template", "noscript", "svg", "code", "pre", "textarea"}
# GET links that act (or leave the admin) rather than show a screen.
SKIP_LINK = re.compile(
    r"/logout/|/unlock/|/lock/|/delete/|/unpublish/|/revisions/\d+/revert|/copy/|/move/|"
    r"/preview|/history/.+/compare|/export|\.xlsx|\.csv|/download|/pdf/|/print|/sheet|"
    r"/serve/|/view_draft/|/usage/|/workflow/.+/(?:cancel|enable|disable)|/tasks/.+/disable|"
    r"/account/(?:change_password|notification_preferences|language)|/jsi18n|/chooser/|"
    r"/choose|/reports/aging-pages|\?.*\bexport=|/images/multiple|/documents/multiple|"
    r"/autosave|/activate|/deactivate|/reset"
)
NUMBER = re.compile(r"\d+")


def untranslated(text):
    """True if ``text`` has a Latin word that is not an allowed token."""
    return bool(LATIN_WORD.search(ALLOWED.sub(" ", " ".join(text.split()))))


VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _Page(HTMLParser):
    """Labels, links and JSON blocks of one admin screen. Text inside
    <script>/<style>/…, inside an element with the ``hidden`` attribute, and
    the options of the time-zone list (names, not labels) is left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.labels, self.links, self.json_blocks, self.breadcrumbs = [], [], {}, []
        self._open = []  # (tag, skipped, in breadcrumbs) of the elements open now
        self._script_id = None

    @property
    def _skipping(self):
        return bool(self._open) and self._open[-1][1]

    @property
    def _in_breadcrumbs(self):
        return bool(self._open) and self._open[-1][2]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/json" and attrs.get("id"):
            self._script_id = attrs["id"]
        skipped = (
            self._skipping
            or tag in SKIP_TAGS
            or "hidden" in attrs
            or (tag == "select" and "time_zone" in (attrs.get("name") or ""))
        )
        crumbs = self._in_breadcrumbs or "w-breadcrumbs" in (attrs.get("data-controller") or "")
        if tag not in VOID_TAGS:
            self._open.append((tag, skipped, crumbs))
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if skipped:
            return
        for name in TEXT_ATTRIBUTES:
            if attrs.get(name):
                self.labels.append(attrs[name])
        # An <input type="submit"> shows its value; a <button>'s value is only
        # sent with the form (its label is its content, read as text).
        is_button = tag == "input" and attrs.get("type") in ("submit", "button", "reset")
        if is_button and attrs.get("value"):
            self.labels.append(attrs["value"])

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break
        if tag == "script":
            self._script_id = None

    def handle_data(self, data):
        if self._script_id:
            self.json_blocks[self._script_id] = self.json_blocks.get(self._script_id, "") + data
        elif not self._skipping and data.strip():
            self.labels.append(data.strip())
            if self._in_breadcrumbs:
                self.breadcrumbs.append(data.strip())


def _strings(value):
    """Every string in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _shown(value, keys):
    """The strings under ``keys`` anywhere in a JSON value (the sidebar's menu
    labels, at every depth of its telepath-packed modules; not its ``name``
    identifiers or URLs)."""
    if isinstance(value, list):
        for item in value:
            yield from _shown(item, keys)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in keys and isinstance(item, str):
                yield item
            else:
                yield from _shown(item, keys)


def _menu_urls(sidebar):
    if isinstance(sidebar, dict):
        for key, value in sidebar.items():
            if key == "url" and isinstance(value, str):
                yield value
            else:
                yield from _menu_urls(value)
    elif isinstance(sidebar, list):
        for item in sidebar:
            yield from _menu_urls(item)


def _json_labels(blocks):
    labels = []
    if "wagtail-config" in blocks:
        config = json.loads(blocks["wagtail-config"])
        labels += list(_strings(config.get("STRINGS", {})))
    if "wagtail-sidebar-props" in blocks:
        props = json.loads(blocks["wagtail-sidebar-props"])
        labels += list(_shown(props, {"label", "footer_text"}))
    return labels


def url_shape(url):
    path = urlsplit(url).path
    return NUMBER.sub("N", path)


def _html(response):
    """The HTML a screen shows: the page, or a chooser modal's step (JSON
    with an ``html`` member); None for anything else."""
    content_type = response.get("Content-Type", "")
    if "text/html" in content_type:
        return response.content.decode()
    if "application/json" in content_type:
        data = json.loads(response.content)
        if isinstance(data, dict) and isinstance(data.get("html"), str):
            return data["html"]
    return None


def scan(client, start="/admin/", also=(), limit=250, seen=None):
    """{url: [untranslated labels]} for every admin screen reachable from the
    start page and its menu, and the list of screens visited. ``also``: more
    URLs to start from, e.g. the choosers (modal steps that no link leads
    to). ``seen`` (URL shapes already scanned, e.g. as another role) is
    updated and skipped; a shape this user may not open (403, 404) stays
    unseen for the next one."""
    seen = set() if seen is None else seen
    queue = deque([start, *(url for url in also if url_shape(url) not in seen)])
    queued = {url_shape(url) for url in queue}
    visited, found = [], {}
    while queue and len(visited) < limit:
        url = queue.popleft()
        response = client.get(url)
        html = _html(response) if response.status_code == 200 else None
        if html is None:
            continue
        seen.add(url_shape(url))
        visited.append(url)
        page = _Page()
        page.feed(html)
        labels = page.labels + _json_labels(page.json_blocks)
        bad = sorted({" ".join(label.split()) for label in labels if untranslated(label)})
        # A screen whose trail ends at the dashboard (a page may be called 首页).
        if page.breadcrumbs == ["首页"] and not url.startswith("/admin/pages/"):
            bad.append(f"breadcrumbs stop at {page.breadcrumbs[0]}")
        if bad:
            found[url] = bad
        links = list(page.links)
        if "wagtail-sidebar-props" in page.json_blocks:
            links += list(_menu_urls(json.loads(page.json_blocks["wagtail-sidebar-props"])))
        for link in links:
            link = urldefrag(link).url
            if not link.startswith("/admin/") or SKIP_LINK.search(link):
                continue
            shape = url_shape(link)
            if shape not in seen and shape not in queued:
                queued.add(shape)
                queue.append(link)
    return found, visited
