"""Large Excel exports are made by the background worker (core/exports.py):
the user sees the progress in 我的导出 and downloads the file when it is
ready; nobody else can (404). Small exports still download at once."""

import datetime
import io

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core import exports
from core.models import ExportJob, ExportState
from tests.accounts.factories import UserFactory
from tests.s3 import anonymous_get
from tests.study.factories import BranchFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


HEADER = ("姓名", "手机号码", "支部", "网格", "状态", "党小组")


@pytest.fixture
def five_members(db):
    branch = BranchFactory(name="第一党支部")
    return [MemberFactory(branch=branch, name=f"党员{n}") for n in range(5)]


def read(response):
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_a_large_export_is_made_by_the_worker_and_downloaded_by_its_owner_only(
    admin_client, admin_user, five_members, settings, task_queue, monkeypatch
):
    settings.EXPORT_SYNC_ROWS = 4
    monkeypatch.setattr("core.exports.PROGRESS_EVERY", 2)

    response = admin_client.get(reverse("study_admin:export"))

    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "core_exports:job", args=[job.pk]
    )
    assert (job.user, job.state, job.progress, job.rows) == (admin_user, "queued", 0, 5)
    page = admin_client.get(response["Location"])
    assert "排队中" in page.content.decode() and page["Refresh"] == "2"
    status = admin_client.get(reverse("core_exports:status", args=[job.pk])).json()
    assert status == {"state": "queued", "progress": 0, "error": "", "download": None}

    task_queue()

    job.refresh_from_db()
    assert (job.state, job.progress) == (ExportState.DONE, 100)
    status = admin_client.get(reverse("core_exports:status", args=[job.pk])).json()
    download_url = reverse("core_exports:download", args=[job.pk])
    assert status["download"] == download_url
    page = admin_client.get(reverse("core_exports:job", args=[job.pk]))
    assert "Refresh" not in page and download_url in page.content.decode()

    download = admin_client.get(download_url)
    assert download["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''" in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"]
    rows = read(download)
    assert rows[0] == HEADER and len(rows) == 6
    assert {row[0] for row in rows[1:]} == {f"党员{n}" for n in range(5)}

    stranger = UserFactory(is_superuser=True)
    admin_client.force_login(stranger)
    for name in ("job", "status", "download"):
        url = reverse(f"core_exports:{name}", args=[job.pk])
        assert admin_client.get(url).status_code == 404, name
    assert job.label not in admin_client.get(reverse("core_exports:index")).content.decode()


def test_asking_again_while_it_is_being_made_joins_the_same_job(
    admin_client, five_members, settings, task_queue
):
    settings.EXPORT_SYNC_ROWS = 4
    url = reverse("study_admin:export")

    first = admin_client.get(url)
    again = admin_client.get(url)  # a second click, a reload, a prefetch

    job = ExportJob.objects.get()
    assert first["Location"] == again["Location"] == reverse("core_exports:job", args=[job.pk])
    task_queue()
    admin_client.get(url)  # once the file is ready, asking again makes a new one
    assert ExportJob.objects.count() == 2


def test_progress_is_reported_while_the_rows_are_written():
    seen = []
    rows = ([n, f"第{n}行"] for n in range(450))
    content = exports.table_workbook("表", ["序号", "内容"], rows, 450, lambda *a: seen.append(a))
    assert seen == [(200, 450), (400, 450)]
    assert len(read(type("R", (), {"content": content}))) == 451


def test_a_small_export_still_downloads_at_once(admin_client, five_members):
    response = admin_client.get(reverse("study_admin:export"))
    assert response.status_code == 200 and len(read(response)) == 6
    assert not ExportJob.objects.exists()


def test_a_user_who_lost_the_permission_gets_no_file(admin_user, five_members, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    job = exports.queue(admin_user, "study.members", {"branch": ""})
    admin_user.is_superuser = False
    admin_user.save()
    exports.run_export.call(job.pk)
    job.refresh_from_db()
    assert job.state == ExportState.FAILED and job.error == "没有这项导出的权限。"
    assert not job.file


def test_old_exports_and_their_files_are_pruned(
    admin_user, five_members, django_capture_on_commit_callbacks
):
    job = exports.queue(admin_user, "study.members", {})
    job.refresh_from_db()
    storage = job.file.storage
    assert storage.exists(job.file.name)
    ExportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    recent = exports.queue(admin_user, "study.members", {})

    with django_capture_on_commit_callbacks(execute=True):
        call_command("prune_exports", days=7, stdout=io.StringIO())

    assert list(ExportJob.objects.all()) == [recent]
    assert not storage.exists(job.file.name)


def test_with_a_bucket_the_file_is_private_there_and_served_to_its_owner(
    admin_client, admin_user, five_members, settings, s3_media, moto_server, monkeypatch
):
    settings.STORAGES = {**settings.STORAGES, "exports": settings.STORAGES["default"]}
    # The field took its storage when the model was defined, as in production.
    monkeypatch.setattr(ExportJob._meta.get_field("file"), "storage", storages["exports"])
    settings.EXPORT_SYNC_ROWS = 1

    admin_client.get(reverse("study_admin:export"))

    job = ExportJob.objects.get()
    assert job.state == ExportState.DONE and job.file.name.startswith("exports/")
    status, _, body = anonymous_get(f"{moto_server}/{s3_media}/{job.file.name}")
    assert status == 403 and not body.startswith(b"PK")
    rows = read(admin_client.get(reverse("core_exports:download", args=[job.pk])))
    assert len(rows) == 6
