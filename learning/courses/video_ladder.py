"""Adaptive streaming (HLS) copies of a course video: a small ladder of
renditions (240p, 360p, 480p, never larger than the source, and an
audio-only one for a lecture), each an fMP4 HLS playlist with its segments,
and a master playlist naming them with their measured bandwidth.

Made by ffmpeg in the background worker (video_tasks.build_ladder), one
ffmpeg run per rendition, each bounded by a timeout in proportion to the
video's length, reading the upload only as a local video container
(``video_backend.SAFE_INPUT``: ``-protocol_whitelist file`` and the video
demuxers only, never a playlist). The files are written to a temporary
folder, then stored through Django's default storage (local media or the
bucket) under ``video_transcodes/hls/<video id>/<random>/``: under the same
public prefix as wagtailvideos' transcodes, so they are exactly as reachable
as the MP4 (a plain URL that only the course page names), with a random part
nobody can guess from the video's number or file name.
"""

import math
import re
import secrets
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from .video_backend import SAFE_INPUT

FOLDER_PREFIX = "video_transcodes/hls/"
SEGMENT_SECONDS = 4
AUDIO_BITRATE = 64_000
VIDEO_CODECS = "avc1.4d401f"  # H.264 Main, level 3.1: every phone of the last ten years
AUDIO_CODECS = "mp4a.40.2"  # AAC-LC


@dataclass(frozen=True)
class Rung:
    name: str
    height: int  # the shorter side, in pixels
    video_bitrate: int


LADDER = (
    Rung("240p", 240, 250_000),
    Rung("360p", 360, 500_000),
    Rung("480p", 480, 900_000),
)


class LadderError(Exception):
    """ffmpeg failed or took too long; ``message`` is for the editor."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def timeout_for(duration_seconds):
    """How long one ffmpeg run may take: a minute plus three times the video
    (at 480p and ``veryfast`` it runs many times faster than real time)."""
    return 60 + 3 * math.ceil(duration_seconds or 0)


def lost_after(duration_seconds):
    """A ladder still pending this long (every rendition at its timeout,
    plus ten minutes) lost its task."""
    return (len(LADDER) + 1) * timeout_for(duration_seconds) + 600


def rungs_for(width, height):
    """The renditions for a source of ``width`` × ``height``: those not
    larger than it, and at least the smallest (at the source's own size when
    it is smaller still)."""
    short = min(width or 0, height or 0) or LADDER[0].height
    rungs = [rung for rung in LADDER if rung.height <= short]
    if not rungs:
        rungs = [Rung(f"{short - short % 2}p", short - short % 2, LADDER[0].video_bitrate)]
    return rungs


def _ffmpeg(arguments, timeout):
    command = ["ffmpeg", "-nostdin", "-v", "error", "-y", *arguments]
    try:
        subprocess.run(  # noqa: S603 - a fixed argument list, our own paths
            command,
            capture_output=True,
            check=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise LadderError(
            _("ffmpeg 超过 %(seconds)s 秒未完成，已停止。") % {"seconds": timeout}
        ) from None
    except subprocess.CalledProcessError as error:
        last = (error.stderr or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        message = _("ffmpeg 出错（退出码 %(code)s）：%(detail)s")
        raise LadderError(message % {"code": error.returncode, "detail": last[0][:200]}) from None
    except OSError as error:
        raise LadderError(
            _("无法运行 ffmpeg：%(error)s") % {"error": error.strerror or error}
        ) from None


def _has_audio(path):
    command = [
        "ffprobe", "-v", "quiet", *SAFE_INPUT, "-select_streams", "a",
        "-show_entries", "stream=codec_type", "-of", "csv=p=0", f"file:{path}",
    ]  # fmt: skip
    try:
        found = subprocess.run(  # noqa: S603
            command, capture_output=True, timeout=60, stdin=subprocess.DEVNULL, check=True
        ).stdout
    except (subprocess.SubprocessError, OSError):
        return False
    return b"audio" in found


def _hls_output(folder):
    folder.mkdir()
    return [
        "-f", "hls", "-hls_time", str(SEGMENT_SECONDS), "-hls_playlist_type", "vod",
        "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4",
        "-hls_flags", "independent_segments",
        "-hls_segment_filename", str(folder / "seg_%05d.m4s"), str(folder / "index.m3u8"),
    ]  # fmt: skip


def _video_arguments(rung, audio):
    short = rung.height
    scale = f"scale='if(gt(iw,ih),-2,{short})':'if(gt(iw,ih),{short},-2)'"
    rate = rung.video_bitrate
    arguments = [
        "-map", "0:V:0", "-vf", scale, "-c:v", "libx264", "-preset", "veryfast",
        "-profile:v", "main", "-level:v", "3.1", "-pix_fmt", "yuv420p",
        "-b:v", str(rate), "-maxrate", str(rate * 11 // 10), "-bufsize", str(rate * 2),
        # Key frames at every segment boundary, the same in every rendition,
        # so a player switches between them at any segment.
        "-force_key_frames", f"expr:gte(t,n_forced*{SEGMENT_SECONDS})", "-sc_threshold", "0",
    ]  # fmt: skip
    if audio:
        arguments += ["-map", "0:a:0", "-c:a", "aac", "-b:a", str(AUDIO_BITRATE), "-ac", "2"]
    return arguments


def _measure(folder):
    """Peak and average bits per second of one rendition's segments, and
    the bytes of all its files."""
    playlist = (folder / "index.m3u8").read_text()
    durations = [float(value) for value in re.findall(r"#EXTINF:([\d.]+)", playlist)]
    segments = re.findall(r"^(seg_\d+\.m4s)$", playlist, re.MULTILINE)
    init = (folder / "init.mp4").stat().st_size
    sizes = [(folder / name).stat().st_size for name in segments]
    rates = [8 * size / max(seconds, 0.1) for size, seconds in zip(sizes, durations, strict=False)]
    total_seconds = max(sum(durations), 0.1)
    total_bytes = sum(path.stat().st_size for path in folder.iterdir())
    peak = max(rates or [0])
    average = 8 * (sum(sizes) + init) / total_seconds
    return math.ceil(max(peak, average)), math.ceil(average), total_bytes


def _master(renditions):
    lines = ["#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-INDEPENDENT-SEGMENTS"]
    for item in renditions:
        attributes = f"BANDWIDTH={item['bandwidth']},AVERAGE-BANDWIDTH={item['average']}"
        if item.get("resolution"):
            attributes += f",RESOLUTION={item['resolution']}"
        attributes += f',CODECS="{item["codecs"]}"'
        lines += [f"#EXT-X-STREAM-INF:{attributes}", f"{item['name']}/index.m3u8"]
    return "\n".join(lines) + "\n"


def _resolution(width, height, short):
    if not width or not height:
        return ""
    if width >= height:
        return f"{2 * round(width * short / height / 2)}x{short}"
    return f"{short}x{2 * round(height * short / width / 2)}"


def build(path, width, height, duration_seconds, workdir):
    """Encode the ladder of the video file at ``path`` into ``workdir``;
    the renditions (lowest first, the audio-only one last) and the seconds
    ffmpeg took. Raises LadderError."""
    timeout = timeout_for(duration_seconds)
    audio = _has_audio(path)
    source = [*SAFE_INPUT, "-i", f"file:{path}"]
    renditions = []
    started = time.monotonic()
    for rung in rungs_for(width, height):
        folder = workdir / rung.name
        _ffmpeg([*source, *_video_arguments(rung, audio), *_hls_output(folder)], timeout)
        codecs = f"{VIDEO_CODECS},{AUDIO_CODECS}" if audio else VIDEO_CODECS
        resolution = _resolution(width, height, rung.height)
        renditions.append({"name": rung.name, "height": rung.height, "resolution": resolution,
                           "codecs": codecs})  # fmt: skip
    if audio:
        folder = workdir / "audio"
        arguments = ["-map", "0:a:0", "-vn", "-c:a", "aac", "-b:a", str(AUDIO_BITRATE), "-ac", "2"]
        _ffmpeg([*source, *arguments, *_hls_output(folder)], timeout)
        renditions.append({"name": "audio", "height": 0, "resolution": "", "codecs": AUDIO_CODECS})
    seconds = time.monotonic() - started
    for item in renditions:
        item["bandwidth"], item["average"], item["bytes"] = _measure(workdir / item["name"])
    (workdir / "master.m3u8").write_text(_master(renditions))
    return renditions, seconds


def store(workdir, video_id):
    """Save every file of ``workdir`` through the default storage in a new
    folder; the folder's name and the bytes stored."""
    folder = f"{FOLDER_PREFIX}{video_id}/{secrets.token_hex(8)}/"
    stored = 0
    try:
        for file_path in sorted(p for p in workdir.rglob("*") if p.is_file()):
            name = folder + file_path.relative_to(workdir).as_posix()
            with file_path.open("rb") as handle:
                saved = default_storage.save(name, File(handle))
            if saved != name:  # the folder is new: a renamed file means a clash
                raise LadderError(_("存储位置已有同名文件：%(name)s") % {"name": name})
            stored += file_path.stat().st_size
    except Exception:
        delete_folder(folder)
        raise
    return folder, stored


def delete_folder(folder):
    """Delete every file under ``folder`` of the default storage."""
    if not folder.startswith(FOLDER_PREFIX):
        return
    try:
        folders, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        default_storage.delete(f"{folder}{name}")
    for sub in folders:
        delete_folder(f"{folder}{sub}/")
    try:
        local = default_storage.path(folder)
    except NotImplementedError:  # object storage: no folder is left once its files are gone
        return
    shutil.rmtree(local, ignore_errors=True)  # local media: the emptied folders


def make_ladder(local_path, video):
    """Encode and store the ladder of ``video`` (its file at ``local_path``):
    ``(folder, renditions, bytes stored, ffmpeg seconds)``."""
    with tempfile.TemporaryDirectory(prefix="ladder-") as workdir:
        duration = video.duration.total_seconds() if video.duration else 0
        renditions, seconds = build(local_path, video.width, video.height, duration, Path(workdir))
        folder, stored = store(Path(workdir), video.pk)
    return folder, renditions, stored, seconds
