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
