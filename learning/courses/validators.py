"""Checks on what editors upload for a course, with messages in Chinese."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

SUBTITLE_MAX_BYTES = 512 * 1024


def validate_webvtt(upload):
    """A WebVTT subtitle file: UTF-8 text whose first line starts with WEBVTT."""
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
    if not text.startswith("WEBVTT"):
        raise ValidationError(
            _("这不是 WebVTT 字幕文件：文件第一行应为“WEBVTT”。请上传 .vtt 格式的字幕。"),
            code="subtitle_format",
        )
