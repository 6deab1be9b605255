"""Business rules of the course library: durations, 点播本 numbers and
viewing progress. Views, the admin and commands call these functions (what
the library's pages only read is in querysets.py).

Progress: the player reports, every few seconds, its position and the
segments of the video it actually played since the last report. The server
merges them into the member's watched intervals, so seeking forward adds
nothing, and a course is completed only when the intervals cover 90 % of the
duration. A report can add at most as much new watching time as could have
been played since the previous one (at double speed, with some slack), so a
forged report cannot complete a course either.
"""

import math

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError

from .models import (
    COMPLETION_SHARE,
    CatalogueCounter,
    CoursePage,
    CourseProgress,
    VideoProcessing,
)
from .video_backend import ffmpeg_available

# Progress reports.
MAX_PLAYBACK_RATE = 2.0  # the fastest speed the player offers
REPORT_SLACK_SECONDS = 30.0  # clocks, network delays, a first report
MAX_SEGMENTS_PER_REPORT = 100
MERGE_GAP_SECONDS = 0.5  # timeupdate fires every ~250 ms; smaller gaps are one interval


class ProgressError(DomainError):
    pass


# --- Courses -----------------------------------------------------------------------------


def fill_duration_from_video(course):
    """The duration comes from the video file (read by ffprobe when the video
    was uploaded), not from the editor, since completion depends on it.
    Raises ValidationError (for the page form) when a chosen video has none."""
    if not course.video_id:
        return
    if course.video.duration:
        course.duration = course.video.duration
        return
    if VideoProcessing.objects.filter(
        video_id=course.video_id, state__in=VideoProcessing.PENDING
    ).exists():
        # The worker is still reading a new upload: the course takes its
        # duration when it is read (follow_video_duration).
        return
    if ffmpeg_available():
        raise ValidationError(
            {
                "video": _(
                    "无法读取这个视频文件，它可能不是有效的视频。请在“视频”库中重新上传 MP4 等格式的视频。"
                )
            }
        )
    if not course.duration:
        raise ValidationError(
            {
                "duration": _(
                    "服务器上没有安装 ffmpeg，无法自动读取视频时长，请手动填写时长（例如 0:45:00）。"
                )
            }
        )


def follow_video_duration(video):
    """A video's file was replaced and its duration read again: the course
    pages showing it take the new duration at once, since completion depends
    on it (a draft takes it when it is next saved)."""
    if not video.duration:
        return 0
    return (
        CoursePage.objects.filter(video=video)
        .exclude(duration=video.duration)
        .update(duration=video.duration)
    )


def next_catalogue_number():
    """A 点播本 number never given before: one more than the last one issued
    (the counter row is locked, so two courses published at once get two
    numbers; the unique column is the last guard). Call inside a transaction."""
    counter, _created = CatalogueCounter.objects.select_for_update().get_or_create(pk=1)
    highest = CoursePage.objects.aggregate(highest=Max("catalogue_number"))["highest"] or 0
    counter.last_number = max(counter.last_number, highest) + 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


# --- Progress --------------------------------------------------------------------------------


def merge_intervals(intervals):
    """Sorted, disjoint ``[start, end]`` intervals covering the same ground."""
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + MERGE_GAP_SECONDS:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def covered_seconds(intervals):
    return sum(end - start for start, end in intervals)


def _uncovered_parts(segment, covered):
    """The parts of ``segment`` that the sorted ``covered`` intervals miss."""
    start, end = segment
    parts = []
    for covered_start, covered_end in covered:
        if covered_end <= start:
            continue
        if covered_start >= end:
            break
        if covered_start > start:
            parts.append([start, covered_start])
        start = max(start, covered_end)
        if start >= end:
            break
    if start < end:
        parts.append([start, end])
    return parts


def _number(value):
    """A finite number as the player sends it (JSON int or float), or None
    for anything else: text, true/false, an integer too large for a float."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def parse_report(position, segments):
    """``(position or None, [(start, end), …])`` from a player's report:
    a position that is a number (or absent), and at most
    MAX_SEGMENTS_PER_REPORT segments, each a pair of numbers. Anything else
    is not what the player sends and raises ProgressError."""
    malformed = ProgressError(_("进度报告格式不正确，已忽略。"), code="malformed")
    if position is not None:
        position = _number(position)
        if position is None:
            raise malformed
    if segments is None:
        segments = []
    if not isinstance(segments, list) or len(segments) > MAX_SEGMENTS_PER_REPORT:
        raise malformed
    pairs = []
    for value in segments:
        if not isinstance(value, list) or len(value) != 2:
            raise malformed
        start, end = _number(value[0]), _number(value[1])
        if start is None or end is None:
            raise malformed
        pairs.append((start, end))
    return position, pairs


def _clamp(seconds, duration):
    return min(max(seconds, 0.0), duration)


def clean_segments(pairs, duration):
    """The segments inside the video, as [start, end]; empty or backwards
    ones (after clamping) are dropped."""
    segments = [[_clamp(start, duration), _clamp(end, duration)] for start, end in pairs]
    return [[start, end] for start, end in segments if end > start]


def record_progress(user, course, *, position, segments, now=None):
    """Add a player's report to ``user``'s progress on ``course`` and return
    the progress. A malformed report raises ProgressError and changes
    nothing. Positions past the end are clamped to the end; segments already
    watched add nothing; new watching time beyond what the time since the
    last report allows is not counted."""
    duration, position, segments = _clean_report(user.is_authenticated, course, position, segments)
    now = now or timezone.now()
    with transaction.atomic():
        progress, created = CourseProgress.objects.select_for_update().get_or_create(
            user=user, course=course
        )
        _add_report(progress, duration, position, segments, now, created)
        progress.save()
    return progress


def _clean_report(allowed, course, position, segments):
    """(duration, position, segments) of a report inside ``[0, duration]``,
    or ProgressError: not ``allowed`` (not logged in), no duration, malformed."""
    if not allowed:
        raise ProgressError(_("请先登录，登录后才能记录学习进度。"), code="login")
    duration = course.duration_seconds
    if not duration:
        raise ProgressError(_("这门课程没有视频时长，不记录观看进度。"), code="no_duration")
    position, pairs = parse_report(position, segments)
    if position is not None:
        position = _clamp(position, duration)
    return duration, position, clean_segments(pairs, duration)


def _add_report(progress, duration, position, segments, now, created=False):
    """Merge a clean report into ``progress`` (in memory)."""
    covered = merge_intervals(progress.watched_intervals)
    since_last = 0.0 if created else max(0.0, (now - progress.updated_at).total_seconds())
    budget = since_last * MAX_PLAYBACK_RATE + REPORT_SLACK_SECONDS

    accepted = []
    for segment in merge_intervals(segments):
        for start, end in _uncovered_parts(segment, covered):
            if budget <= 0:
                break
            end = min(end, start + budget)
            budget -= end - start
            accepted.append([start, end])

    covered = merge_intervals(covered + accepted)
    progress.watched_intervals = [[round(s, 2), round(e, 2)] for s, e in covered]
    progress.watched_seconds = min(covered_seconds(covered), duration)
    if position is not None:
        progress.last_position = position
    if progress.completed_at is None and progress.watched_seconds >= COMPLETION_SHARE * duration:
        progress.completed_at = now
    progress.updated_at = now


# Written by a report (``record_report``).
_REPORT_FIELDS = ("watched_intervals", "watched_seconds", "last_position", "completed_at")


def progress_for_report(user_id, course_id):
    """The progress row a report would change, with its member and its course
    (live and in no private section), in one query; None if there is none
    yet. Not locked: ``record_report`` writes it only if nobody did since."""
    if user_id is None:
        return None
    return (
        CourseProgress.objects.reportable()
        .select_related("user", "course")
        .filter(user_id=user_id, course_id=course_id)
        .first()
    )


def record_report(user, progress, *, position, segments, now=None):
    """``record_progress`` for a member who already has progress on the
    course, as read by ``progress_for_report``: one UPDATE that applies only
    if the row is still as read (compare and set on ``updated_at``, the
    re-check); if another report came first, the locked path runs instead."""
    course = progress.course
    allowed = user.is_authenticated and progress.user_id == user.pk
    duration, position, cleaned = _clean_report(allowed, course, position, segments)
    now = now or timezone.now()
    read_at = progress.updated_at
    _add_report(progress, duration, position, cleaned, now)
    written = CourseProgress.objects.filter(pk=progress.pk, updated_at=read_at).update(
        updated_at=now, **{field: getattr(progress, field) for field in _REPORT_FIELDS}
    )
    if written:
        return progress
    return record_progress(user, course, position=position, segments=segments, now=now)
