import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_public_pages_carry_a_content_security_policy_and_security_headers(client, home_page):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "microphone=()" in response["Permissions-Policy"]


def test_public_pages_load_nothing_from_another_origin(client, home_page):
    html = client.get("/").content.decode()
    assert "//cdn" not in html and "https://" not in html


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_superuser=True))
    return client


def test_documents_outside_the_allow_list_are_refused(editor_client):
    response = editor_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "病毒",
            "file": SimpleUploadedFile("setup.exe", b"MZ...", "application/x-msdownload"),
        },
    )
    assert response.status_code == 200
    assert not get_document_model().objects.filter(title="病毒").exists()


def test_documents_are_served_as_downloads_even_pdf(client, editor_client):
    editor_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "讲义",
            "file": SimpleUploadedFile("handout.pdf", b"%PDF-1.4", "application/pdf"),
        },
    )
    document = get_document_model().objects.get(title="讲义")
    response = client.get(document.url)
    assert response["Content-Disposition"].startswith("attachment")


def test_image_uploads_over_the_size_limit_are_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    from wagtail.images import get_image_model

    big = SimpleUploadedFile("big.png", _png(400, 400), "image/png")
    response = editor_client.post(reverse("wagtailimages:add"), {"title": "大图", "file": big})
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="大图").exists()


def test_image_uploads_over_the_pixel_limit_are_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    from wagtail.images import get_image_model

    wide = SimpleUploadedFile("wide.png", _png(50, 50), "image/png")
    response = editor_client.post(reverse("wagtailimages:add"), {"title": "像素过多", "file": wide})
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="像素过多").exists()


def _png(width, height):
    import io
    import random

    from PIL import Image

    image = Image.new("RGB", (width, height))
    image.putdata([(random.randrange(256), 0, 0) for _ in range(width * height)])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_ALLOWED_HOSTS": "community.example.cn",
    "DATABASE_URL": "",
}


def test_production_settings_pass_the_deployment_checks_when_configured():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**PRODUCTION, "DJANGO_SECRET_KEY": "k" * 20 + "Zq8!x" * 12},
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _manage("check", env={**PRODUCTION, "DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
