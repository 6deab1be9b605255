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
