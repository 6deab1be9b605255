"""The equipment book's screens, driven through the real admin screens: a
repair cycle (故障 → 送修中 → 正常) with its time out of service, a 五防
checklist, a run a screening recorded (read-only here), form errors that
keep what was typed, and who may open any of it."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts import roles
from learning.viewing.errors import ViewingError
from learning.viewing.models import AssetState, Fault, Inspection, Run, RunSource
from learning.viewing.services import equipment as services
from tests.accounts.factories import UserFactory
from tests.viewing.factories import AssetFactory, RunFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"viewing_equipment:{name}", args=args)


def moment(delta):
    return timezone.localtime(timezone.now() - delta).strftime("%Y-%m-%dT%H:%M")


def report_five_hours_ago(actor, description):
    return services.report_fault(
        actor,
        AssetFactory(),
        reported_at=timezone.now() - datetime.timedelta(hours=5),
        reporter="李老师",
        description=description,
    )


def test_a_repair_cycle_through_the_screens_keeps_who_and_when_and_the_time_out(
    admin_client, branch_admin
):
    asset = AssetFactory(name="机顶盒")
    response = admin_client.post(
        url("fault_new", asset.pk),
        {
            "reported_at": moment(datetime.timedelta(days=3, hours=2)),
            "reporter": "李老师",
            "description": "无法接收卫星信号",
        },
    )
    fault = Fault.objects.get()
    assert response.status_code == 302 and response.url == url("fault", fault.pk)
    asset.refresh_from_db()
    assert asset.state == AssetState.FAULTY and fault.reported_by == branch_admin

    response = admin_client.post(
        url("fault_send", fault.pk),
        {"sent_at": moment(datetime.timedelta(days=3)), "sent_to": "区广电维修站"},
    )
    assert response.status_code == 302
    asset.refresh_from_db()
    assert asset.state == AssetState.IN_REPAIR

    response = admin_client.post(
        url("fault_repair", fault.pk),
        {
            "repaired_at": moment(datetime.timedelta(hours=2)),
            "repairer": "张师傅",
            "cost": "120.50",
        },
    )
    assert response.status_code == 302
    fault.refresh_from_db()
    asset.refresh_from_db()
    assert asset.state == AssetState.NORMAL
    assert fault.cost == Decimal("120.50") and fault.repaired_by == branch_admin
    page = admin_client.get(url("fault", fault.pk)).content.decode()
    assert "3天0小时" in page and "张师傅" in page
    assert url("fault_repair", fault.pk) not in page and url("fault_send", fault.pk) not in page
    assert "3天0小时" in admin_client.get(url("faults")).content.decode()
    actions = ModelLogEntry.objects.filter(object_id=str(fault.pk)).values_list("action", flat=True)
    assert set(actions) == {"viewing.fault.report", "viewing.fault.send", "viewing.fault.repair"}

    # Marked once only: a second repair is refused in Chinese, nothing changes.
    response = admin_client.post(
        url("fault_repair", fault.pk),
        {"repaired_at": moment(datetime.timedelta(hours=1)), "repairer": "另一位", "cost": "1"},
    )
    assert response.status_code == 400
    fault.refresh_from_db()
    assert fault.repairer == "张师傅"


def test_a_repair_before_the_report_is_refused_and_keeps_what_was_typed(admin_client, branch_admin):
    fault = report_five_hours_ago(branch_admin, "投影仪不亮")
    typed = {
        "repaired_at": moment(datetime.timedelta(days=1)),
        "repairer": "提前的师傅",
        "cost": "80",
    }
    response = admin_client.post(url("fault_repair", fault.pk), typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "修复时间不能早于发现故障的时间。" in html
    assert 'value="提前的师傅"' in html and typed["repaired_at"] in html
    fault.refresh_from_db()
    assert fault.is_open

    response = admin_client.post(url("fault_repair", fault.pk), {**typed, "cost": "-5"})
    assert response.status_code == 400 and 'value="-5"' in response.content.decode()


def test_the_database_refuses_a_negative_cost_and_a_repair_before_the_report(branch_admin):
    fault = report_five_hours_ago(branch_admin, "话筒无声")
    for changes in (
        {"repaired_at": timezone.now(), "cost": Decimal("-1")},
        {"repaired_at": fault.reported_at - datetime.timedelta(hours=1), "cost": 0},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Fault.objects.filter(pk=fault.pk).update(**changes)


def test_an_asset_with_an_open_fault_cannot_be_reported_again_nor_scrapped(branch_admin):
    asset = AssetFactory()
    arguments = {"reported_at": timezone.now(), "reporter": "李老师", "description": "黑屏"}
    services.report_fault(branch_admin, asset, **arguments)
    with pytest.raises(ViewingError, match="故障"):
        services.report_fault(branch_admin, asset, **arguments)
    with pytest.raises(ViewingError, match="未修复"):
        services.scrap_asset(branch_admin, asset)


def test_an_inspection_checklist_is_recorded_and_a_failed_item_must_say_why(
    admin_client, branch_admin
):
    day = timezone.localdate().isoformat()
    checklist = {"inspected_on": day, "inspector": "王管理员", "note": "雨季前检查"}
    checklist.update({f"{key}_ok": "on" for key in ("fire", "theft", "lightning", "dust")})
    response = admin_client.post(url("inspection_new"), checklist)
    assert response.status_code == 400  # 防潮 not ticked and no note
    html = response.content.decode()
    assert "这一项不合格，请写明发现的问题。" in html and 'value="雨季前检查"' in html
    assert not Inspection.objects.exists()

    response = admin_client.post(url("inspection_new"), {**checklist, "damp_note": "墙角返潮"})
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert [passed for _label, passed, _note in inspection.items()] == [
        True,
        True,
        False,
        True,
        True,
    ]
    assert inspection.recorded_by == branch_admin
    listing = admin_client.get(url("inspections")).content.decode()
    assert "墙角返潮" in listing and "不合格" in listing


def test_a_run_recorded_by_hand_keeps_what_was_typed_on_an_error(admin_client, branch_admin):
    typed = {
        "started_at": moment(datetime.timedelta(hours=2)),
        "ended_at": moment(datetime.timedelta(hours=3)),
        "purpose": "光盘教学：农村实用技术",
        "mode": "disc",
        "signal": "fair",
        "note": "",
    }
    response = admin_client.post(url("run_new"), typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "关机时间必须晚于开机时间。" in html and 'value="光盘教学：农村实用技术"' in html
    assert not Run.objects.exists()

    typed["ended_at"] = moment(datetime.timedelta(hours=1))
    assert admin_client.post(url("run_new"), typed).status_code == 302
    run = Run.objects.get()
    assert run.operator == branch_admin and run.mode == "disc"


def test_a_run_from_a_screening_is_shown_marked_and_cannot_be_changed_by_hand(
    admin_client, branch_admin
):
    run = RunFactory(source=RunSource.SCREENING, purpose="放映：党员冬训第一讲")
    book = admin_client.get(url("index")).content.decode()
    assert "放映：党员冬训第一讲" in book and "w-status--primary" in book
    page = admin_client.get(url("run_edit", run.pk)).content.decode()
    assert "由放映自动登记" in page and "<form" not in page.split("main_content")[-1]

    started = run.started_at
    response = admin_client.post(
        url("run_edit", run.pk),
        {
            "started_at": moment(datetime.timedelta(days=1)),
            "purpose": "改过的",
            "mode": "tv",
            "signal": "good",
        },
    )
    assert response.status_code == 400
    assert admin_client.post(url("run_delete", run.pk)).status_code == 302
    run.refresh_from_db()
    assert run.started_at == started and run.purpose == "放映：党员冬训第一讲"


@pytest.mark.parametrize(("role", "sent_to"), [(None, "/admin/login/"), (roles.EDITORS, "/admin/")])
def test_a_member_or_an_editor_is_refused_every_equipment_screen(client, role, sent_to):
    """A member is sent to the admin's login (no admin access at all); an
    editor, who may use the admin, is refused and sent to its dashboard."""
    user = UserFactory(roles=[role] if role else [])
    client.force_login(user)
    asset = AssetFactory()
    for response in [
        *(client.get(url(name)) for name in ("index", "assets", "faults", "print", "export")),
        client.post(url("asset_scrap", asset.pk)),
    ]:
        assert response.status_code == 302 and response.url.split("?")[0] == sent_to
    asset.refresh_from_db()
    assert asset.state == AssetState.NORMAL
    with pytest.raises(ViewingError, match="权限"):
        services.scrap_asset(user, asset)


def test_a_community_administrator_adds_an_asset_through_the_screen(client, community_admin):
    client.force_login(community_admin)
    response = client.post(
        url("asset_new"),
        {"name": "投影仪", "model_number": "EB-X05", "quantity": "0", "keeper": "王管理员"},
    )
    assert response.status_code == 400 and 'value="EB-X05"' in response.content.decode()
    response = client.post(
        url("asset_new"),
        {"name": "投影仪", "model_number": "EB-X05", "quantity": "1", "keeper": "王管理员"},
    )
    assert response.status_code == 302
    assert "EB-X05" in client.get(url("assets")).content.decode()
