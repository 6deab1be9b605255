"""Serving uploaded media (MEDIA_ROOT) with HTTP Range support, so that a
video seeks: dragging the slider to minute 40 asks for the bytes from there on
and gets ``206 Partial Content`` instead of the whole file.

Django's ``static.serve`` and ``FileResponse`` ignore ``Range`` (docs/courses.md),
hence this view. It answers one byte range per request (``bytes=a-b``,
``bytes=a-``, ``bytes=-n``) with ``Content-Range``; an impossible range gets
``416`` with ``Content-Range: bytes */size``; a malformed or multi-range header
is ignored and the whole file is sent, as RFC 9110 allows. ``ETag``,
``Last-Modified``, ``If-None-Match``/``If-Modified-Since`` (304) and
``If-Range`` are honoured. The file is streamed, never read into memory; under
gunicorn the kernel sends it (``sendfile``).

An open-ended range (``bytes=0-``, what every browser's video element asks
for) is answered with at most ``MEDIA_RANGE_CHUNK_BYTES`` (default 2 MiB); the
player asks for the next part when it needs it. A slow phone watching a
lecture thus holds a server thread for the few seconds one part takes to send,
not for the hour the lecture lasts, and page requests do not queue behind 20
viewers (measured in bench/courses.py, docs/benchmarks.md "Courses").

In production a proxy or object storage serves media (docs/operations.md): with
``MEDIA_X_ACCEL_REDIRECT`` set, the view only checks the path and hands the
file to nginx (``X-Accel-Redirect``), which handles ``Range`` itself.

An uploaded file is data, never a page of ours (docs/security-uploads.md).
Whatever lies under MEDIA_ROOT, however it got there, is answered with a type
taken from its extension against an allow-list of what our pages show inline
(video, audio, raster images, WebVTT subtitles), never sniffed from its
content; anything else (``.html``, ``.svg``, ``.js``, ``.xml``, unknown or no
extension) is a download (``Content-Disposition: attachment``,
``application/octet-stream``). Every answer, inline or not, carries
``X-Content-Type-Options: nosniff`` and a ``Content-Security-Policy`` of its
own (``sandbox; default-src 'none'``, for video and audio with just what the
browser needs to play a file opened on its own), so that even a file opened
directly in the browser runs no script with our origin.
"""

import mimetypes
import re
import stat
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.utils._os import safe_join
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date, parse_http_date_safe

DEFAULT_CHUNK_BYTES = 2 * 1024 * 1024
# Wagtail documents are served by Wagtail's own view (/documents/…, always as
# a download, with collection privacy): never straight from MEDIA_ROOT.
NOT_SERVED_PREFIXES = ("documents/",)
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")

# What is shown inline, and with which type: what our pages put in <video>,
# <audio>, <img> and <track> (a <track> refuses anything but text/vtt). Keyed by
# the extension alone. No SVG: an SVG document can run script.
INLINE_TYPES = {
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".mov": "video/quicktime",
    ".webm": "video/webm",
    ".ogv": "video/ogg",
    ".m4a": "audio/mp4",
    ".mp3": "audio/mpeg",
    ".oga": "audio/ogg",
    ".ogg": "audio/ogg",
    ".opus": "audio/ogg",
    ".wav": "audio/wav",
    ".flac": "audio/flac",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".vtt": "text/vtt; charset=utf-8",
    # A course video's adaptive-streaming copies (learning/courses/video_ladder.py):
    # playlists (text a player reads, never a page) and fMP4 segments.
    ".m3u8": "application/vnd.apple.mpegurl",
    ".m4s": "video/iso.segment",
}
DOWNLOAD_TYPE = "application/octet-stream"
# A policy of its own for every media answer: no script, no plugin, no form,
# an opaque origin, nothing loaded. An image opened on its own tab still shows.
MEDIA_CSP = "sandbox; default-src 'none'"
# A video or a sound opened on its own tab is played by a <video> in a document
# the browser makes itself, which loads the file again: Chromium refuses that
# under default-src 'none' (media-src) and, in an opaque origin, as a
# cross-origin request. Still no script, no form, no plugin (measured, see
# docs/security-uploads.md).
PLAYABLE_CSP = "sandbox allow-same-origin; default-src 'none'; media-src 'self'"

# wagtailvideos writes a video's <source type> from mimetypes: the same types.
for _extension, _type in INLINE_TYPES.items():
    mimetypes.add_type(_type.split(";")[0], _extension)


def media_headers(name):
    """The headers every answer for the file ``name`` carries: its type from
    the allow-list, or a download, and the sandbox."""
    inline_type = INLINE_TYPES.get(PurePosixPath(name).suffix.lower())
    playable = inline_type is not None and inline_type.startswith(("video/", "audio/"))
    headers = {
        "Content-Type": inline_type or DOWNLOAD_TYPE,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": PLAYABLE_CSP if playable else MEDIA_CSP,
    }
    if inline_type is None:
        headers["Content-Disposition"] = content_disposition_header(True, PurePosixPath(name).name)
    return headers


class RangeFile:
    """A window of ``length`` bytes of an open file, read from its current
    position. ``fileno`` lets gunicorn use ``sendfile`` (it sends
    Content-Length bytes from the current offset); other servers read it."""

    block_size = 64 * 1024

    def __init__(self, file, length):
        self.file = file
        self.remaining = length

    def read(self, size=-1):
        if self.remaining <= 0:
            return b""
        if size is None or size < 0 or size > self.remaining:
            size = self.remaining
        data = self.file.read(size)
        self.remaining -= len(data)
        return data

    def fileno(self):
        return self.file.fileno()

    def close(self):
        self.file.close()


def parse_range(header, size):
    """``(start, end)`` inclusive for a single satisfiable byte range,
    ``None`` when the header is absent, malformed or asks for several ranges
    (then the whole file is sent), or ``"unsatisfiable"``."""
    match = _RANGE.match((header or "").strip())
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # bytes=-n: the last n bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            return "unsatisfiable"
        return max(0, size - suffix), size - 1
    start = int(first)
    end = int(last) if last else None
    if end is not None and end < start:
        return None  # syntactically invalid: ignored
    if start >= size:
        return "unsatisfiable"
    if end is None or end >= size:
        end = size - 1
    return start, end


def _etag(file_stat):
    return f'"{file_stat.st_mtime_ns:x}-{file_stat.st_size:x}"'


def _if_range_allows(request, etag, last_modified):
    """A Range is honoured only if the client's copy is still current."""
    if_range = request.headers.get("If-Range")
    if not if_range:
        return True
    if if_range.startswith(('"', 'W/"')):
        return if_range == etag  # strong comparison only
    when = parse_http_date_safe(if_range)
    return when is not None and when >= int(last_modified)


def resolve_media_path(path):
    """The file under MEDIA_ROOT that ``path`` names, or 404: no path
    traversal, no directories, nothing outside MEDIA_ROOT (symlinks resolved)."""
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        full = Path(safe_join(root, path)).resolve()
    except (SuspiciousFileOperation, ValueError):
        raise Http404 from None
    if root not in full.parents:
        raise Http404
    if full.relative_to(root).as_posix().startswith(NOT_SERVED_PREFIXES):
        raise Http404
    try:
        file_stat = full.stat()
    except OSError:
        raise Http404 from None
    if not stat.S_ISREG(file_stat.st_mode):
        raise Http404
    return full, file_stat


def serve_media(request, path):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    full, file_stat = resolve_media_path(path)
    response = _file_response(request, full, file_stat)
    # Also on 304 and 416, and on the answer handed to nginx (which passes
    # Content-Type and Content-Disposition on; docs/security-uploads.md shows
    # the headers its internal location must add itself).
    for header, value in media_headers(full.name).items():
        response[header] = value
    response.anonymous_page_cache = False
    return response


def _file_response(request, full, file_stat):
    accel_prefix = getattr(settings, "MEDIA_X_ACCEL_REDIRECT", "")
    if accel_prefix:
        response = HttpResponse()
        relative = full.relative_to(Path(settings.MEDIA_ROOT).resolve()).as_posix()
        response["X-Accel-Redirect"] = accel_prefix + quote(relative)
        return response

    size = file_stat.st_size
    etag = _etag(file_stat)
    last_modified = file_stat.st_mtime

    not_modified = get_conditional_response(request, etag=etag, last_modified=int(last_modified))
    if not_modified is not None:
        return not_modified

    wanted = None
    if "Range" in request.headers and _if_range_allows(request, etag, last_modified):
        wanted = parse_range(request.headers["Range"], size)
    if wanted == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response

    if wanted is None:
        status, start, length = 200, 0, size
    else:
        start, end = wanted
        open_ended = not request.headers["Range"].strip().split("-", 1)[1]
        if open_ended:
            chunk = getattr(settings, "MEDIA_RANGE_CHUNK_BYTES", DEFAULT_CHUNK_BYTES)
            if chunk:
                end = min(end, start + chunk - 1)
        status, length = 206, end - start + 1

    if request.method == "HEAD":
        response = HttpResponse(status=status)
    else:
        file = open(full, "rb")  # noqa: SIM115 - closed by the response
        file.seek(start)
        response = FileResponse(RangeFile(file, length), status=status)
    response["Content-Length"] = str(length)
    if status == 206:
        response["Content-Range"] = f"bytes {start}-{start + length - 1}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "public, max-age=3600"
    return response
