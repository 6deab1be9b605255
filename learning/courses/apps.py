from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "learning.courses"
    label = "courses"
    verbose_name = _("课程")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Course pages show a video's file, poster and subtitles: a changed or
        # deleted video must not linger in cached pages.
        from wagtailvideos import get_video_model

        from core.page_cache import purge_when_saved

        purge_when_saved(get_video_model())
