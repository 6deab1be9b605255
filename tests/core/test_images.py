"""A broken image uploaded to the Wagtail image library (admin upload, edit,
multiple upload, the chooser's upload an image field of ours uses) is a
Chinese form error, never a server error, and nothing is stored."""

import io

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
Image = get_image_model()
BROKEN = "图片文件已损坏或不完整"


def jpeg(size=(800, 600)):
    buffer = io.BytesIO()
    PILImage.effect_noise(size, 60).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


JPEG = jpeg()
# Cut short as a dropped connection or a full disk leaves it: in the middle of
# the picture data, near its end, and just after the header.
TRUNCATED = {"half": JPEG[: len(JPEG) // 2], "most": JPEG[: len(JPEG) - 200], "header": JPEG[:200]}


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(is_superuser=True))


def image_form(content, name="photo.jpg"):
    return {
        "title": "社区活动照片",
        "file": SimpleUploadedFile(name, content, content_type="image/jpeg"),
        "collection": 1,
        "tags": "",
    }


def nothing_stored():
    assert not Image.objects.exists()
    assert not UploadedFile.objects.exists()


@pytest.mark.parametrize("cut", TRUNCATED)
def test_a_truncated_jpeg_is_a_chinese_form_error_in_the_image_upload(
    client, editor, media_unchanged, cut
):
    response = client.post(reverse("wagtailimages:add"), image_form(TRUNCATED[cut]))
    assert response.status_code == 200
    assert BROKEN in response.content.decode()
    nothing_stored()


def test_a_truncated_jpeg_is_refused_by_the_multiple_upload(client, editor, media_unchanged):
    upload = SimpleUploadedFile("photo.jpg", TRUNCATED["half"], content_type="image/jpeg")
    data = client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload}).json()
    assert data["success"] is False
    assert BROKEN in data["error_message"]
    nothing_stored()


def test_a_truncated_jpeg_is_refused_by_the_choosers_upload(client, editor, media_unchanged):
    form = {f"image-chooser-upload-{k}": v for k, v in image_form(TRUNCATED["most"]).items()}
    response = client.post(reverse("wagtailimages_chooser:create"), form)
    data = response.json()
    assert data["step"] == "reshow_creation_form"
    assert BROKEN in data["htmlFragment"]
    nothing_stored()


@pytest.fixture
def stored_image():
    return Image.objects.create(title="原图", file=ContentFile(JPEG, name="original.jpg"))


def test_replacing_an_image_with_a_truncated_one_keeps_the_old_file(client, editor, stored_image):
    originals = settings.MEDIA_ROOT / "original_images"
    before = set(originals.iterdir())
    url = reverse("wagtailimages:edit", args=[stored_image.pk])
    response = client.post(url, image_form(TRUNCATED["half"]))
    assert BROKEN in response.content.decode()
    assert set(originals.iterdir()) == before  # (the edit page makes renditions of the old one)
    stored_image.refresh_from_db()
    with stored_image.file.open("rb") as stored:
        assert stored.read() == JPEG


def test_a_whole_jpeg_is_uploaded_and_can_be_described_in_the_multiple_uploader(client, editor):
    upload = SimpleUploadedFile("photo.jpg", JPEG, content_type="image/jpeg")
    data = client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload}).json()
    assert data["success"] is True
    assert 'name="image-' in data["form"]  # its title and tags, without a file field
    assert 'type="file"' not in data["form"]
    image = Image.objects.get()
    assert (image.width, image.height) == (800, 600)
    response = client.post(reverse("wagtailimages:add"), image_form(JPEG, "second.jpg"))
    assert response.status_code == 302
