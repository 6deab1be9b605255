from django.db import models
from django.utils.translation import gettext_lazy as _


class VideoProcessing(models.Model):
    """Where the background reading of a video's file stands (duration, size
    and poster are read by a task in the worker, learning/courses/video_tasks.py),
    so the editor sees 正在处理 instead of an empty duration."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    NO_VIDEO = "no_video"
    STATES = [
        (QUEUED, _("等待处理")),
        (RUNNING, _("正在处理")),
        (DONE, _("已完成")),
        (NO_VIDEO, _("未读到视频画面")),
    ]

    PENDING = (QUEUED, RUNNING)

    video = models.OneToOneField(
        "wagtailvideos.Video",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="processing",
        verbose_name=_("视频"),
    )
    state = models.CharField(_("状态"), max_length=10, choices=STATES, default=QUEUED)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("视频处理")
        verbose_name_plural = _("视频处理")

    def __str__(self):
        return f"{self.video_id}: {self.state}"

    @property
    def pending(self):
        return self.state in self.PENDING


class VideoLadder(models.Model):
    """The adaptive-streaming (HLS) copies of one video, made by a task in
    the worker after its file is read (learning/courses/video_ladder.py): a
    few renditions of different sizes and an audio-only one, in ``folder``
    of the default storage. The course page plays them only when ``ready``
    for the video's current file; otherwise the MP4 plays, as before."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    STATES = [
        (QUEUED, _("等待生成")),
        (RUNNING, _("正在生成")),
        (DONE, _("已生成")),
        (FAILED, _("生成失败")),
    ]
    PENDING = (QUEUED, RUNNING)

    video = models.OneToOneField(
        "wagtailvideos.Video",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="ladder",
        verbose_name=_("视频"),
    )
    state = models.CharField(_("状态"), max_length=10, choices=STATES, default=QUEUED)
    # The video file the ladder is (being) made from: a replaced file makes it stale.
    source_name = models.CharField(_("源文件"), max_length=255)
    # Where the playlists and segments are, e.g. "video_transcodes/hls/12/3f9a…/".
    folder = models.CharField(_("存储位置"), max_length=255, blank=True)
    # [{"name": "360p", "height": 360, "bandwidth": 700000, "bytes": 123456}, …]
    renditions = models.JSONField(_("档位"), default=list, blank=True)
    storage_bytes = models.BigIntegerField(_("占用空间（字节）"), null=True, blank=True)
    transcode_seconds = models.FloatField(_("转码用时（秒）"), null=True, blank=True)
    error = models.TextField(_("失败原因"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("自适应码流")
        verbose_name_plural = _("自适应码流")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="done") | ~models.Q(folder=""),
                name="courses_ladder_done_has_folder",
            ),
        ]

    def __str__(self):
        return f"{self.video_id}: {self.state}"

    @property
    def pending(self):
        return self.state in self.PENDING

    def ready_for(self, video):
        """Whether these copies are made from ``video``'s current file."""
        return self.state == self.DONE and self.source_name == video.file.name

    @property
    def playlist_name(self):
        return f"{self.folder}master.m3u8"
