"""wagtailvideos' ffmpeg backend, made safe for a site that may run without
ffmpeg and for files that are not really videos.

- Without ffmpeg nothing is read (the editor types the duration) and no
  system-check warning is raised: the site is meant to work without it.
- A file with no readable video stream gets no duration instead of an error.
- The poster is taken a few seconds in (or at the start of a shorter clip),
  not 4 s before the start as upstream does.
- ffprobe and ffmpeg only ever open an uploaded file as a video container,
  from the local file system: never as a playlist (HLS, concat), which would
  make them open the files or addresses it lists, and never as text (the
  ``tty`` demuxer reads any text file as a "video").
- Reading the file and transcoding are tasks run by the background worker
  (video_tasks.py), never work of the request or a thread of the web process.
"""

import datetime
import json
import logging
import shutil
import subprocess

from django.core.files.base import ContentFile
from wagtailvideos.transcoders.ffmpeg import FFmpegBackend
from wagtailvideos.transcoders.ffmpeg.ffmpeg import FFmpegTranscoder

logger = logging.getLogger(__name__)

PROBE_TIMEOUT = 60
POSTER_AT_SECONDS = 3.0
# The demuxers allowed on an uploaded file, those of the video types a browser
# plays and the media view serves as video: MP4/M4V/MOV, WebM, Ogg.
VIDEO_DEMUXERS = ("mov", "matroska", "ogg")
SAFE_INPUT = ["-protocol_whitelist", "file", "-format_whitelist", ",".join(VIDEO_DEMUXERS)]


def ffmpeg_available():
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None


def _run(command):
    """stdout of a fixed ffmpeg/ffprobe argument list (no shell; the only
    variable part is a file path of our own storage)."""
    return subprocess.run(  # noqa: S603
        command,
        capture_output=True,
        check=True,
        timeout=PROBE_TIMEOUT,
        stdin=subprocess.DEVNULL,
    ).stdout


def _probe(path, entries):
    """ffprobe's JSON about the video streams of ``path`` that are not cover
    pictures (``-select_streams V``), or None when it cannot read the file as
    one of VIDEO_DEMUXERS."""
    command = [
        "ffprobe",
        "-v",
        "quiet",
        *SAFE_INPUT,
        "-of",
        "json",
        "-select_streams",
        "V",
        "-show_entries",
        entries,
        f"file:{path}",
    ]
    try:
        return json.loads(_run(command) or b"{}")
    except (subprocess.SubprocessError, OSError, ValueError):
        return None


def has_video_stream(path):
    """Whether ffprobe reads ``path`` as a video container holding at least
    one video stream (a cover picture in a sound file does not count)."""
    data = _probe(path, "stream=codec_type")
    streams = (data or {}).get("streams") or []
    return any(stream.get("codec_type") == "video" for stream in streams)


def probe(path):
    """``{"duration": timedelta, "width": int, "height": int}`` of the first
    video stream, or None when the file has none (or ffprobe cannot read it)."""
    data = _probe(path, "stream=width,height,codec_type:format=duration")
    try:
        stream = data["streams"][0]
        seconds = float(data["format"]["duration"])
    except (TypeError, ValueError, KeyError, IndexError):
        return None
    if stream.get("codec_type") != "video" or seconds <= 0:
        return None
    return {
        "duration": datetime.timedelta(seconds=seconds),
        "width": int(stream.get("width") or 0) or None,
        "height": int(stream.get("height") or 0) or None,
    }


def has_video_signature(head):
    """Whether the first bytes of a file are those of a video container (the
    check when ffprobe is not installed: the container, not its streams)."""
    return (
        head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip")  # MP4, M4V, MOV
        or head.startswith(b"\x1a\x45\xdf\xa3")  # WebM (Matroska)
        or head.startswith(b"OggS")
    )


def poster_frame(path, seconds, name):
    """A JPEG frame at ``seconds`` into the video, or None."""
    command = [
        "ffmpeg",
        "-v",
        "quiet",
        "-ss",
        f"{seconds:.2f}",
        *SAFE_INPUT,
        "-i",
        f"file:{path}",
        "-frames:v",
        "1",
        "-an",
        "-f",
        "image2",
        "-c:v",
        "mjpeg",
        "pipe:1",
    ]
    try:
        frame = _run(command)
    except (subprocess.SubprocessError, OSError):
        return None
    return ContentFile(frame, name) if frame else None


class SafeInputTranscoder(FFmpegTranscoder):
    """wagtailvideos' transcoder, reading its input only as a video container
    (its input is a local path, or a URL on object storage)."""

    def _get_ffmpeg_command(self, input_file, *args, **kwargs):
        command = super()._get_ffmpeg_command(input_file, *args, **kwargs)
        at = command.index("-i")
        return [*command[:at], "-format_whitelist", ",".join(VIDEO_DEMUXERS), *command[at:]]


class CourseVideoBackend(FFmpegBackend):
    def installed(self):
        return ffmpeg_available()

    def get_system_checks(self):
        return []

    def do_transcode(self, transcode):
        """A task in the worker (learning/courses/video_tasks.py), not a thread
        of the web process; ``blocking`` (a shell, a command) runs it here."""
        if self.blocking:
            SafeInputTranscoder(transcode).run()
        else:
            from .video_tasks import transcode_video

            transcode_video.enqueue(transcode.pk)

    def update_video_metadata(self, video):
        """Called by wagtailvideos in ``post_save``: queues the reading of the
        file (video_tasks.queue_probe) instead of reading it in the request."""
        if getattr(video, "_probed", False):
            return
        from .video_tasks import queue_ladder_after_save, queue_probe

        queue_probe(video)
        queue_ladder_after_save(video)

    def read_metadata(self, video, replace_poster=True):
        """Read duration, size and (if ``replace_poster`` or none yet) the
        poster of ``video`` into it (unsaved); whether a video stream was found."""
        try:
            with self._get_local_file(video.file) as path:
                return self._read(video, path, replace_poster)
        except OSError:
            logger.warning("Video file %s cannot be read", video.file.name, exc_info=True)
            return False

    def _read(self, video, path, replace_poster):
        stats = probe(path)
        if stats is None:
            logger.info("No video stream found in %s", video.file.name)
            video.duration = video.width = video.height = None
            return False
        video.duration = stats["duration"]
        video.width = stats["width"]
        video.height = stats["height"]
        if replace_poster or not video.thumbnail:
            at = min(POSTER_AT_SECONDS, stats["duration"].total_seconds() / 2)
            video.thumbnail = poster_frame(path, at, f"{video.filename(include_ext=False)}.jpg")
        return True
