"""Media on S3-compatible object storage (core/storage.py, core/bucket.py),
against a real S3 server (moto's, tests/s3.py): the operator's
``prepare_media_bucket`` makes images public and documents private, once;
renditions are readable by anyone from the bucket; a document's object is
refused to anyone without the short-lived signed URL that Wagtail's document
view hands out after checking the collection's privacy."""

import io
import json
from urllib.parse import urlsplit

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.accounts.factories import UserFactory
from tests.core.test_images import JPEG, image_form
from tests.s3 import anonymous_get, use_bucket

pytestmark = pytest.mark.django_db
Document = get_document_model()
PDF = b"%PDF-1.4\n% minutes of the branch meeting\n"


def _client():
    return default_storage.connection.meta.client


def _prepare():
    out = io.StringIO()
    call_command("prepare_media_bucket", stdout=out)
    return out.getvalue()


def test_prepare_media_bucket_makes_the_public_prefixes_readable_once_and_then_changes_nothing(
    settings, moto_server
):
    use_bucket(settings, moto_server, "empty-private-bucket")
    _client().create_bucket(Bucket="empty-private-bucket")
    image = default_storage.save("images/photo.jpg", ContentFile(JPEG))
    assert anonymous_get(default_storage.url(image))[0] == 403  # private until prepared

    first = _prepare()
    assert first.count("已设置") == 3
    assert anonymous_get(default_storage.url(image))[0] == 200
    policy = _client().get_bucket_policy(Bucket="empty-private-bucket")["Policy"]
    resources = json.loads(policy)["Statement"][0]["Resource"]
    assert "arn:aws:s3:::empty-private-bucket/images/*" in resources
    assert not any("documents" in resource for resource in resources)
    rules = _client().get_bucket_cors(Bucket="empty-private-bucket")["CORSRules"]
    assert rules[0]["AllowedOrigins"] == ["http://testserver"]
    assert "Range" in rules[0]["AllowedHeaders"]

    second = _prepare()
    assert second.count("未改动") == 3 and "已设置" not in second
    assert _client().get_bucket_policy(Bucket="empty-private-bucket")["Policy"] == policy


def test_prepare_media_bucket_explains_itself_without_a_bucket_or_with_a_missing_one(
    settings, moto_server
):
    settings.AWS_STORAGE_BUCKET_NAME = ""
    with pytest.raises(CommandError, match="MEDIA_S3_BUCKET"):
        _prepare()
    use_bucket(settings, moto_server, "no-such-bucket")
    with pytest.raises(CommandError, match="no-such-bucket"):
        _prepare()


def test_an_image_rendition_is_read_anonymously_from_the_bucket(s3_media, moto_server):
    image = wagtail_factories.ImageFactory()
    rendition = image.get_rendition("fill-120x80")
    assert rendition.url.startswith(f"{moto_server}/{s3_media}/images/")
    assert "Signature" not in rendition.url  # the same URL for everyone: pages stay cacheable
    status, headers, body = anonymous_get(rendition.url)
    assert status == 200 and headers["Content-Type"] == "image/jpeg" and body[:2] == b"\xff\xd8"


def test_a_documents_object_is_refused_to_anyone_without_a_signed_url(s3_media, moto_server):
    document = Document.objects.create(title="会议纪要", file=ContentFile(PDF, name="minutes.pdf"))
    key = document.file.name
    assert key.startswith("documents/")
    for url in (
        f"{moto_server}/{s3_media}/{key}",
        document.file.url.split("?")[0],
        f"{moto_server}/{s3_media}/{key}?response-content-type=text/html",
    ):
        status, _, body = anonymous_get(url)
        assert status == 403 and PDF not in body


def test_the_document_view_redirects_to_a_short_lived_signed_download(
    s3_media, moto_server, client
):
    document = Document.objects.create(title="学习提纲", file=ContentFile(PDF, name="提纲.pdf"))
    response = client.get(document.url)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{moto_server}/{s3_media}/documents/")
    assert "X-Amz-Expires=300" in location
    status, headers, body = anonymous_get(location)
    assert status == 200 and body == PDF
    assert headers["Content-Disposition"].startswith("attachment")
    assert headers["Content-Type"] == "application/octet-stream"


def test_a_private_collections_document_goes_only_to_those_it_is_for(s3_media, moto_server, client):
    collection = Collection.get_first_root_node().add_child(name="组织生活附件")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    readers = Group.objects.create(name="支部委员")
    restriction.groups.add(readers)
    document = Document.objects.create(
        title="支委会纪要", file=ContentFile(PDF, name="minutes.pdf"), collection=collection
    )

    anonymous = client.get(document.url)
    assert anonymous.status_code == 302 and not anonymous["Location"].startswith(moto_server)
    assert urlsplit(anonymous["Location"]).path == reverse("accounts:login")

    client.force_login(UserFactory())  # a member outside the collection's groups
    refused = client.get(document.url)
    assert refused.status_code == 302
    assert urlsplit(refused["Location"]).path == reverse("accounts:login")

    member = UserFactory()
    member.groups.add(readers)
    client.force_login(member)
    allowed = client.get(document.url)
    assert allowed["Location"].startswith(f"{moto_server}/{s3_media}/documents/")
    assert anonymous_get(allowed["Location"])[2] == PDF


def test_an_image_uploaded_in_the_admin_is_stored_on_the_bucket_and_public(
    s3_media, moto_server, client
):
    client.force_login(UserFactory(is_superuser=True))
    response = client.post(reverse("wagtailimages:add"), image_form(JPEG, "活动照片.jpg"))
    assert response.status_code == 302
    image = get_image_model().objects.get()
    stored = _client().head_object(Bucket=s3_media, Key=image.file.name)
    assert stored["ContentType"] == "image/jpeg" and stored["ContentLength"] == len(JPEG)
    status, _, body = anonymous_get(image.file.url)
    assert status == 200 and body == JPEG


def test_an_object_is_stored_with_the_type_of_its_name_not_the_browsers_word(s3_media):
    page = SimpleUploadedFile("attack.html", b"<script>alert(1)</script>", "text/html")
    name = default_storage.save("images/attack.html", page)
    stored = _client().head_object(Bucket=s3_media, Key=name)
    assert stored["ContentType"] == "application/octet-stream"
    assert stored["ContentDisposition"].startswith("attachment")
    video = SimpleUploadedFile("talk.mp4", b"\x00\x00\x00\x18ftypmp42", "text/html")
    name = default_storage.save("original_videos/talk.mp4", video)
    assert _client().head_object(Bucket=s3_media, Key=name)["ContentType"] == "video/mp4"
