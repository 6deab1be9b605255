from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "learning.courses"
    label = "courses"
    verbose_name = _("课程")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtailvideos import get_video_model

        from core.page_cache import purge_when_saved

        from . import video_admin, video_uploads
        from .models import VideoLadder
        from .video_tasks import forget_ladder_files

        # Video and subtitle uploads are judged by their content (video_uploads.py).
        video_uploads.install()
        # wagtailvideos' admin texts that bypass gettext, in Chinese (video_admin.py).
        video_admin.install()
        # Course pages show a video's file, poster and subtitles: a changed or
        # deleted video must not linger in cached pages.
        video_model = get_video_model()
        purge_when_saved(video_model)
        post_save.connect(
            _follow_video_duration, sender=video_model, dispatch_uid="courses-follow-duration"
        )
        # A deleted video's HLS copies are deleted by the worker (video_tasks.py).
        post_delete.connect(forget_ladder_files, sender=VideoLadder, dispatch_uid="courses-ladder")
        # A ladder made or failed changes what course pages play.
        purge_when_saved(VideoLadder)


def _follow_video_duration(instance, **kwargs):
    from .services import follow_video_duration

    follow_video_duration(instance)
