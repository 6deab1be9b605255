"""Wagtail's image form, refusing a broken image file in Chinese.

Wagtail's image field opens an upload with Willow and asks it for its size
and number of frames; a truncated or corrupt file makes Pillow raise right
there (``OSError: image file is truncated``, ``UnidentifiedImageError``) and
the admin answers with a server error. A broken file whose header is intact
gets through and fails later instead, when a public page asks for a
rendition of it. So the field here decodes every frame once, and whatever the
image library raises becomes a form error; nothing is stored.

``WAGTAILIMAGES_IMAGE_FORM_BASE`` (settings) makes this the base of every
image form Wagtail builds: upload and edit, multiple upload and the chooser's
upload, which is how every image field of ours (a notice's, an event's, a
course's poster) gets its image.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageSequence
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class CheckedImageField(WagtailImageField):
    default_error_messages = {
        "broken_image": _("图片文件已损坏或不完整，无法打开。请重新保存或换一张图片后再上传。"),
    }

    def to_python(self, data):
        try:
            upload = super().to_python(data)
            if upload is not None:
                decode_every_frame(upload)
        except ValidationError:
            raise
        except Exception as error:  # whatever a decoder raises on a hostile file
            raise ValidationError(
                self.error_messages["broken_image"], code="broken_image"
            ) from error
        return upload


def decode_every_frame(upload):
    """Decodes the whole file (Wagtail has already checked its pixel count)."""
    upload.seek(0)
    with Image.open(upload) as image:
        for frame in ImageSequence.Iterator(image):
            frame.load()
    upload.seek(0)


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The factory gives every image form Wagtail's field (formfield_callback);
        # the multiple uploader's edit form has none.
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget
            )
