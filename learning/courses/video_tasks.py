"""Reading and transcoding course videos in the background worker, not in
the request that uploaded them (docs/operations.md "Background work").

wagtailvideos reads a video's duration, size and poster in ``post_save``
(our ``CourseVideoBackend.update_video_metadata``) and transcodes in a thread
of the web process. Here both are tasks: the upload returns as soon as the
file is stored, the editor sees 正在处理 (``VideoProcessing``) until the
worker has read the file, and a transcode runs in the worker.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)

META_FIELDS = ["duration", "width", "height", "thumbnail", "file_size"]
# The request that stores a video saves it twice more (wagtailvideos' own
# signal, then its edit view): the worker starts reading a little later, so
# its result is not overwritten by one of those saves.
PROBE_DELAY = datetime.timedelta(seconds=2)
# Reading a file takes seconds (ffprobe reads the header, ffmpeg one frame):
# a reading still pending this long lost its task and is queued again by the
# next save of the video.
LOST_AFTER = datetime.timedelta(minutes=30)


def queue_probe(video):
    """Queue the reading of ``video``'s file if it is new, replaced, or its
    duration or poster is still missing (called in ``post_save``)."""
    from .models import VideoProcessing

    # wagtailvideos compares the objects (``is``), which a refresh_from_db
    # tells apart too; a stored file's name is what says it was replaced.
    changed = getattr(video._initial_file, "name", None) != video.file.name
    if not changed and video.duration is not None and video.thumbnail:
        return
    # The caller's next save of this instance is not a new file.
    video._initial_file = video.file
    processing = VideoProcessing.objects.filter(video_id=video.pk).first()
    # Already queued, unless pending for longer than any reading takes (its
    # task was lost): then queued again.
    if (
        not changed
        and processing is not None
        and processing.pending
        and processing.updated_at > timezone.now() - LOST_AFTER
    ):
        return
    VideoProcessing.objects.update_or_create(
        video_id=video.pk, defaults={"state": VideoProcessing.QUEUED}
    )
    replace_poster = changed or not video.thumbnail
    if default_task_backend.supports_defer:
        probe_video.using(run_after=timezone.now() + PROBE_DELAY).enqueue(video.pk, replace_poster)
    else:
        probe_video.enqueue(video.pk, replace_poster)
        # The immediate backend (tests, make dev) has read it already: keep
        # what it read in the instance its caller is about to save again.
        video.refresh_from_db(fields=META_FIELDS)


@task()
def probe_video(video_id, replace_poster=True):
    """The background task: read duration, size and poster of one video."""
    from wagtailvideos import get_transcoder_backend, get_video_model

    from .models import VideoProcessing

    video = get_video_model().objects.filter(pk=video_id).first()
    if video is None:
        return "deleted"
    VideoProcessing.objects.filter(video=video).update(state=VideoProcessing.RUNNING)
    backend = get_transcoder_backend()
    found = backend.read_metadata(video, replace_poster)
    with transaction.atomic():
        try:
            video.file_size = video.file.size
        except OSError:
            video.file_size = None
        video._probed = True  # not queued again by its own save
        video.save(update_fields=META_FIELDS)
        state = VideoProcessing.DONE if found else VideoProcessing.NO_VIDEO
        VideoProcessing.objects.update_or_create(video=video, defaults={"state": state})
    if found:
        queue_ladder(video)
    return state


@task()
def transcode_video(transcode_id):
    """The background task: one transcode wagtailvideos' edit screen asked for."""
    from wagtailvideos import get_video_model

    from .video_backend import SafeInputTranscoder

    transcode_model = get_video_model().get_transcode_model()
    transcode = transcode_model.objects.select_related("video").filter(pk=transcode_id).first()
    if transcode is None:
        return "deleted"
    SafeInputTranscoder(transcode).run()
    return "failed" if transcode.error_message else "done"


def queue_ladder(video):
    """Queue the making of ``video``'s HLS ladder, once per file: nothing if
    one is made, failed, or pending for this file (unless pending so long that
    its task was lost); a ladder of an earlier file is replaced when the new
    one is made. Called when the probe has read the file, and by every save
    of a video that was read (a lost ladder, a video older than ladders)."""
    from .models import VideoLadder
    from .video_backend import ffmpeg_available

    if not ffmpeg_available() or video.duration is None:
        return
    name = video.file.name
    with transaction.atomic():
        ladder, created = VideoLadder.objects.get_or_create(
            video_id=video.pk, defaults={"source_name": name}
        )
        if not created:
            # Re-checked under the row's lock: two saves never queue it twice.
            ladder = VideoLadder.objects.select_for_update().get(pk=ladder.pk)
            if ladder.source_name == name and not _ladder_lost(ladder, video):
                return
            ladder.state, ladder.source_name, ladder.error = VideoLadder.QUEUED, name, ""
            ladder.save(update_fields=["state", "source_name", "error", "updated_at"])
    # In the caller's transaction, like the probe: a rolled-back save queues nothing.
    build_ladder.enqueue(video.pk, name)


def queue_ladder_after_save(video):
    """A save of a video whose file was read (not a new file, which the probe
    reads first) queues its ladder if it has none for this file, or lost it."""
    from .models import VideoProcessing

    state = VideoProcessing.objects.filter(video_id=video.pk).values_list("state", flat=True)
    if state.first() in (VideoProcessing.DONE, None):
        queue_ladder(video)


def forget_ladder_files(instance, **kwargs):
    """``post_delete`` of a ladder (its video deleted): its files go too."""
    if instance.folder:
        folder = instance.folder
        transaction.on_commit(lambda: delete_ladder_files.enqueue(folder))


def _ladder_lost(ladder, video):
    from .video_ladder import lost_after

    seconds = lost_after(video.duration.total_seconds())
    return ladder.pending and ladder.updated_at < timezone.now() - datetime.timedelta(
        seconds=seconds
    )


@task()
def build_ladder(video_id, source_name):
    """The background task: encode and store the HLS ladder of one video's
    file (video_ladder.py), then drop the ladder of the file it replaced."""
    from wagtailvideos import get_transcoder_backend, get_video_model

    from .models import VideoLadder
    from .video_ladder import LadderError, delete_folder, make_ladder

    video = get_video_model().objects.filter(pk=video_id).first()
    if video is None or video.file.name != source_name:
        return "stale"
    running = {"state": VideoLadder.RUNNING, "updated_at": timezone.now()}
    if not VideoLadder.objects.filter(video=video, source_name=source_name).update(**running):
        return "stale"
    made, error = None, ""
    try:
        with get_transcoder_backend()._get_local_file(video.file) as path:
            made = make_ladder(path, video)
    except LadderError as failure:
        error = failure.message
    except OSError as failure:  # the file could not be read (or fetched from the bucket)
        error = gettext("无法读取视频文件：%(error)s") % {"error": failure.strerror or failure}
    with transaction.atomic():
        ladder = VideoLadder.objects.select_for_update().filter(video=video).first()
        if ladder is None or ladder.source_name != source_name:  # replaced or deleted meanwhile
            if made:
                transaction.on_commit(lambda: delete_folder(made[0]))
            return "stale"
        old_folder = ladder.folder
        if made:
            ladder.folder, ladder.renditions, ladder.storage_bytes, ladder.transcode_seconds = made
            ladder.state, ladder.error = VideoLadder.DONE, ""
        else:
            logger.warning("HLS ladder of video %s failed: %s", video_id, error)
            ladder.folder, ladder.renditions, ladder.storage_bytes = "", [], None
            ladder.state, ladder.error = VideoLadder.FAILED, error
        ladder.save()
        if old_folder and old_folder != ladder.folder:
            transaction.on_commit(lambda: delete_ladder_files.enqueue(old_folder))
    return ladder.state


@task()
def delete_ladder_files(folder):
    """The background task: delete a ladder's files (the video was deleted,
    or its file replaced and the new ladder made)."""
    from .video_ladder import delete_folder

    delete_folder(folder)
    return "deleted"
