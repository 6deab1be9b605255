import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from core.models import CommunitySettings
from home.models import HomePage, NoticePage

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "pages": Page.objects.count(),
        "notices": NoticePage.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
    }


def test_demo_content_loads_twice_without_duplicates(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = _counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == first
    assert first["notices"] >= 11  # enough for a second page of notices
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert CommunitySettings.for_site(home.get_site()).name == "幸福里社区"
    html = client.get("/").content.decode()
    assert "幸福里社区" in html and "关于开展 2026 年度远程教育学习的通知" in html


def test_ensure_admin_creates_one_superuser_and_keeps_it(monkeypatch, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("ADMIN_PHONE", "13700000000")
    monkeypatch.setenv("ADMIN_PASSWORD", "a-demo-password")
    call_command("ensure_admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    monkeypatch.delenv("ADMIN_PASSWORD")
    call_command("ensure_admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    admins = get_user_model().objects.filter(is_superuser=True)
    assert list(admins.values_list("phone", flat=True)) == ["13700000000"]
    assert admins.get().check_password("a-demo-password")
