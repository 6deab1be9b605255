"""wagtailvideos' admin screens in Chinese, where its texts bypass gettext.

Its gettext strings are translated in ``locale/zh_Hans/``. What it shows
without gettext, and how each is set here at start-up (``CoursesConfig.ready``):

- the models have no verbose names, so Django derives "video", "track
  listing", "video track" from the class names (menu, listing titles, "1
  video", "新建: Track listing", the group screen's permissions): Chinese
  verbose names are put on ``_meta``. Only ``verbose_name`` and
  ``verbose_name_plural`` change, not ``Meta.original_attrs``, so no
  migration sees it; it is the only way short of a custom video model,
  which would still leave its subtitles and transcodes tied to
  ``wagtailvideos.Video``;
- the video library's index view has a hard-coded "Add a video" button and
  "Videos" breadcrumb;
- its forms have no labels for the video file and poster (their form field
  is built without the model field's label), nor for the transcode choices;
  the first get Meta labels on ``BaseVideoForm`` (every video form, the
  chooser's upload included, is a model form of it), the second on the form
  class;
- its subtitle admin (``TracksAdminViewset``) names its inline "Tracks" and
  offers the subtitle's language as 829 English names, English by default:
  the viewset gets our panels, with a short list of languages in Chinese,
  中文 first and the default for a new subtitle (``SubtitleForm``); a
  subtitle's language is shown with the same names.

The player on its edit and delete screens says in English that the browser
cannot play the video: those two templates are overridden in
``templates/wagtailvideos/videos/``. An upgrade of wagtailvideos must be
checked against each of these (docs/operations.md, "Upgrading"); the admin
scan (tests/home/test_admin_in_chinese.py) fails if English comes back.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel

# The languages a subtitle may be in, by their BCP 47 codes (all in
# wagtailvideos' list); the first is the default for a new subtitle.
SUBTITLE_LANGUAGES = [
    ("zh", _("中文（简体）")),
    ("zh-Hant", _("中文（繁体）")),
    ("en", _("英语")),
    ("bo", _("藏语")),
    ("ug", _("维吾尔语")),
    ("mn", _("蒙古语")),
    ("ja", _("日语")),
    ("ko", _("韩语")),
    ("ru", _("俄语")),
    ("fr", _("法语")),
    ("de", _("德语")),
    ("es", _("西班牙语")),
]


class SubtitleForm(WagtailAdminModelForm):
    """One subtitle file of a video: its language from our list, 中文 for a
    new one. A language outside the list, saved before, is kept as it is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["language"]
        choices = [("", "---------"), *SUBTITLE_LANGUAGES]
        current = self.instance.language
        if self.instance._state.adding:
            self.initial["language"] = SUBTITLE_LANGUAGES[0][0]
        elif current and current not in dict(choices):
            choices.append((current, current))
        field.choices = choices


class SubtitlesPanel(InlinePanel):
    """The video's subtitle files, each edited with ``SubtitleForm``."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = SubtitleForm
        return options


def _language_name(track):
    return str(dict(SUBTITLE_LANGUAGES).get(track.language, track.language))


def _video_breadcrumbs(view):
    return view.breadcrumbs_items + [{"url": "", "label": _("视频")}]


def install():
    from wagtailvideos.edit_handlers import VideoChooserPanel
    from wagtailvideos.forms import BaseVideoForm, VideoTranscodeAdminForm
    from wagtailvideos.models import TrackListing, Video, VideoTrack, VideoTranscode
    from wagtailvideos.views.videos import IndexView
    from wagtailvideos.wagtail_hooks import tracks_viewset

    for model, name in (
        (Video, _("视频")),
        (TrackListing, _("视频字幕")),
        (VideoTrack, _("字幕文件")),
        (VideoTranscode, _("转码文件")),
    ):
        model._meta.verbose_name = model._meta.verbose_name_plural = name

    IndexView.add_item_label = _("上传视频")
    IndexView.get_breadcrumbs_items = _video_breadcrumbs

    labels = {"file": _("视频文件"), "thumbnail": _("封面图")}
    BaseVideoForm.Meta = type("Meta", (getattr(BaseVideoForm, "Meta", object),), {"labels": labels})
    VideoTranscodeAdminForm.base_fields["media_format"].label = _("格式")
    VideoTranscodeAdminForm.base_fields["quality"].label = _("画质")

    VideoTrack.get_language_display = _language_name
    tracks_viewset.panels = [
        VideoChooserPanel("video", heading=_("视频")),
        SubtitlesPanel(
            "tracks",
            heading=_("字幕文件"),
            panels=[
                FieldPanel("file", heading=_("字幕文件（WebVTT）")),
                FieldPanel("kind", heading=_("字幕类型")),
                FieldPanel("label", heading=_("显示名称")),
                FieldPanel("language", heading=_("语言")),
            ],
        ),
    ]
