"""Helpers the demo loaders share: idempotent page creation and generated media."""

import hashlib
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile


def _slug(text):
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def get_or_create_child(parent, model, slug, **fields):
    """Return (page, created): the live child of ``parent`` with this slug, or a
    new one published with a first revision. Existing pages are left as they
    are, so editors' changes survive a second run."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def get_or_create_image(title, draw, size=(640, 400), collection=None):
    """An image generated with Pillow by ``draw(image_draw, size)``, created once
    by title."""
    from PIL import Image as PILImage
    from PIL import ImageDraw
    from wagtail.images import get_image_model

    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    canvas = PILImage.new("RGB", size, "white")
    draw(ImageDraw.Draw(canvas), size)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"demo-{_slug(title)}.png")
    image.save()
    return image


def get_or_create_document(title, filename, content):
    from wagtail.documents import get_document_model

    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    document = Document(title=title)
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document
