"""Garbage through the web: a Chinese message or "not found", never an
error page, and nothing changes."""

import pytest
from django.urls import reverse

from tests.volunteers.factories import RecordFactory
from volunteers.models import Certificate, CorrectionRequest, ServiceRecord

pytestmark = pytest.mark.django_db

RECORD = {
    "activity_name": "上门看望独居老人",
    "date": "2026-11-20",
    "start_time": "09:00",
    "end_time": "10:00",
    "place": "3号楼",
    "content": "陪伴",
    "organiser": "居委会",
    "person_in_charge": "李主任",
}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", "abc", "日期"),
        ("date", "2099-01-01", "不能申报还没有发生的服务"),
        ("date", "2000-01-01", "只能申报一年以内的服务"),
        ("start_time", "25:00", "时间"),
        ("end_time", "08:00", "结束时间必须晚于开始时间"),
        ("activity_name", "   ", "活动名称"),
    ],
)
def test_bad_records_get_a_message_and_nothing_is_saved(client, volunteer, field, value, message):
    client.force_login(volunteer.user)
    response = client.post(reverse("volunteers:record_new"), {**RECORD, field: value})
    assert response.status_code == 200 and message in response.content.decode()
    assert not ServiceRecord.objects.exists()


@pytest.mark.parametrize("hours", ["0", "-1", "abc", "NaN", "Infinity", "25", "1e400"])
def test_bad_correction_hours_get_a_message(client, volunteer, hours):
    record = RecordFactory(volunteer=volunteer)
    client.force_login(volunteer.user)
    response = client.post(
        reverse("volunteers:record", args=[record.pk]),
        {"proposed_hours": hours, "message": "应为三小时"},
    )
    assert response.status_code == 200 and "时长" in response.content.decode()
    assert not CorrectionRequest.objects.exists()


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        ({"date_from": "abc", "date_to": "2026-01-01"}, "日期格式不正确"),
        ({"date_from": "", "date_to": ""}, "请填写起始日期"),
    ],
)
def test_bad_certificate_dates_get_a_message(client, volunteer, dates, message):
    client.force_login(volunteer.user)
    response = client.post(reverse("volunteers:certificates"), dates)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/volunteer/shift/0/",
        "/volunteer/shift/99999999999999999999/",
        "/volunteer/records/abc/",
        "/volunteer/certificates/NOPE/",
        "/volunteer/certificates/NOPE/pdf/",
        "/volunteer/wishes/123456/",
        "/volunteer/activity/0/status/",
    ],
)
def test_impossible_addresses_are_not_found(client, volunteer, path):
    client.force_login(volunteer.user)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("code", ["x", "1:abc", "../../etc", "%00"])
def test_garbage_scan_codes_get_a_clear_message(client, volunteer, code):
    client.force_login(volunteer.user)
    response = client.get(f"/volunteer/scan/{code}/")
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert "二维码无效" in response.content.decode()


def test_someone_elses_record_is_not_found(client, volunteer):
    record = RecordFactory()
    client.force_login(volunteer.user)
    assert client.get(reverse("volunteers:record", args=[record.pk])).status_code == 404
