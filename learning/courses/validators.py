"""Checks on what editors upload for a course, with messages in Chinese.

An upload is judged by its name and its content, never by the type the
browser declares (docs/security-uploads.md): a video must have a video
extension and be read by ffprobe as a video container holding a video
stream; a subtitle must be named ``.vtt`` and be UTF-8 WebVTT, cue by cue.
"""

import re
import shutil
import tempfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.media import INLINE_TYPES

from . import video_backend

SUBTITLE_MAX_BYTES = 512 * 1024
# Every extension a video may have is one the media view shows as a video.
VIDEO_EXTENSIONS = sorted(ext for ext, kind in INLINE_TYPES.items() if kind.startswith("video/"))
SIGNATURE_BYTES = 512

_TIMESTAMP = re.compile(r"^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$")
_TIMING = re.compile(r"^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?$")


def _extension(name):
    return PurePath(name or "").suffix.lower()


# --- Videos ------------------------------------------------------------------------------


def validate_video_upload(upload):
    """A video file: a video extension, and content that ffprobe reads as a
    video container with a video stream (without ffprobe: the signature of a
    video container). Refused with a Chinese message otherwise."""
    if _extension(upload.name) not in VIDEO_EXTENSIONS:
        raise ValidationError(
            _("这不是视频文件：只能上传扩展名为 %(extensions)s 的视频。")
            % {"extensions": "、".join(VIDEO_EXTENSIONS)},
            code="video_extension",
        )
    if not _looks_like_video(upload):
        raise ValidationError(
            _("这不是视频文件：无法从文件内容中读取到视频画面。请上传 MP4 等格式的视频。"),
            code="video_content",
        )


def _looks_like_video(upload):
    if not video_backend.ffmpeg_available():
        upload.seek(0)
        head = upload.read(SIGNATURE_BYTES)
        upload.seek(0)
        return video_backend.has_video_signature(head)
    if hasattr(upload, "temporary_file_path"):
        return video_backend.has_video_stream(upload.temporary_file_path())
    # Small uploads are kept in memory: ffprobe needs a file to seek in.
    with tempfile.NamedTemporaryFile(suffix=_extension(upload.name)) as copy:
        upload.seek(0)
        shutil.copyfileobj(upload, copy)
        copy.flush()
        upload.seek(0)
        return video_backend.has_video_stream(copy.name)


# --- Subtitles ---------------------------------------------------------------------------


def validate_webvtt(upload):
    """A WebVTT subtitle file: named ``.vtt``, UTF-8, a ``WEBVTT`` first line
    and then only comment, style, region and cue blocks, each cue with a valid
    time line; at least one cue."""
    if _extension(upload.name) != ".vtt":
        raise ValidationError(
            _("字幕文件须为 WebVTT 格式，文件名以 .vtt 结尾。"), code="subtitle_extension"
        )
    if upload.size > SUBTITLE_MAX_BYTES:
        raise ValidationError(
            _("字幕文件太大（%(size)s），最大 %(max)s。")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(SUBTITLE_MAX_BYTES)},
            code="subtitle_too_large",
        )
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("字幕文件须为 UTF-8 编码的 WebVTT（.vtt）文件。"), code="subtitle_encoding"
        ) from None
    problem = webvtt_problem(text)
    if problem:
        raise ValidationError(problem, code="subtitle_format")


def webvtt_problem(text):
    """What makes ``text`` not a WebVTT file (a Chinese sentence), or None."""
    if "\0" in text:
        return _("字幕文件中含有空字符，不是文本文件。")
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0]
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        return _("这不是 WebVTT 字幕文件：文件第一行应为“WEBVTT”。请上传 .vtt 格式的字幕。")
    blocks = list(_blocks(lines))
    header = blocks.pop(0)[1]
    if any("-->" in line for line in header):
        return _("字幕文件第一行“WEBVTT”之后要先空一行，再写字幕。")
    cues = 0
    for number, block in blocks:
        kind = _block_kind(block[0])
        if kind == "style" and cues:
            return _("字幕文件第 %(line)d 行：STYLE 和 REGION 只能写在第一条字幕之前。") % {
                "line": number
            }
        problem = _cue_problem(number, block) if kind == "cue" else _comment_problem(number, block)
        if problem:
            return problem
        cues += kind == "cue"
    if not cues:
        return _("字幕文件里没有字幕：至少需要一条带时间轴的字幕。")
    return None


def _blocks(lines):
    """(number of its first line, its lines) for each block, the header
    first; blocks are separated by blank lines."""
    block, start = [], 1
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _block_kind(first):
    if first == "NOTE" or first.startswith(("NOTE ", "NOTE\t")):
        return "note"
    if first.strip() in ("STYLE", "REGION"):
        return "style"
    return "cue"


def _comment_problem(number, block):
    for offset, line in enumerate(block):
        if "-->" in line:
            return _("字幕文件第 %(line)d 行：注释或样式中不能出现“-->”。") % {
                "line": number + offset
            }
    return None


def _cue_problem(number, block):
    """A cue: an optional identifier line, a time line, then its text."""
    timing_at = 0 if "-->" in block[0] else 1
    if timing_at >= len(block) or not _valid_timing(block[timing_at]):
        return _(
            "字幕文件第 %(line)d 行不是有效的时间轴，应形如“00:00:01.000 --> 00:00:04.000”。"
        ) % {"line": number + timing_at}
    for offset, line in enumerate(block[timing_at + 1 :], start=timing_at + 1):
        if "-->" in line:
            return _("字幕文件第 %(line)d 行：字幕文字中不能出现“-->”，两条字幕之间要空一行。") % {
                "line": number + offset
            }
    return None


def _seconds(timestamp):
    match = _TIMESTAMP.match(timestamp)
    if not match:
        return None
    hours, minutes, seconds, millis = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _valid_timing(line):
    match = _TIMING.match(line.strip())
    if not match:
        return False
    start, end = _seconds(match.group(1)), _seconds(match.group(2))
    return start is not None and end is not None and end > start
