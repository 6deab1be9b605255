"""Our upload checks (``validators.py``) in wagtailvideos' admin forms.

wagtailvideos judges a video upload by the type the browser declares and
stores a text track whatever it is. It has no setting or hook for a form or
field of our own (unlike wagtailimages' ``WAGTAILIMAGES_IMAGE_FORM_BASE``):
every form it builds for a video file — add, edit, multiple upload, the
chooser's upload — comes from ``wagtailvideos.forms.get_video_form``, whose
``formfield_callback`` always makes the file field a ``WagtailVideoField``,
and a custom video model (``WAGTAILVIDEOS_VIDEO_MODEL``) would get the same
field while its transcodes and text tracks stay tied to
``wagtailvideos.Video``. So, at start-up:

- ``WagtailVideoField.check_video_file_format``, the one method that field
  calls to judge a file, is replaced by our content check;
- the text tracks' file field (its admin builds the form from the model, and
  a model form runs the model field's validators) gets our WebVTT check.

Tests post to each of those real admin views (tests/courses/test_uploads.py),
so an upgrade of wagtailvideos that moves either fails the suite instead of
quietly trusting the browser again.
"""

from wagtailvideos.fields import WagtailVideoField
from wagtailvideos.models import TrackListing

from .validators import validate_video_upload, validate_webvtt


def check_video_file_format(field, upload):
    validate_video_upload(upload)


def install():
    WagtailVideoField.check_video_file_format = check_video_file_format
    track_file = TrackListing.get_track_model()._meta.get_field("file")
    if validate_webvtt not in track_file.validators:
        # The cached list the model form runs; the field's migration state
        # (its ``_validators``) is left alone.
        track_file.validators.append(validate_webvtt)
