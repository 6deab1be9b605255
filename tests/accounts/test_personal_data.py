"""我的数据: a person downloads everything the site holds about them and
deletes their account through the real screens; names and numbers are gone
from the whole database, waiting lists move up and are told, and every
total stays the same."""

import datetime
import json
from decimal import Decimal

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from accounts import personal_data, proof
from accounts.models import SmsCode
from core.personal_data import PersonalData
from events.models import Registration
from learning.courses.models import CourseProgress
from learning.study import ledger
from learning.study.models import Attendance, LeaveRequest, Member, Reflection
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.personal_data import (
    MEMBER_NAME,
    MEMBER_PHONE,
    RESIDENT_NAME,
    RESIDENT_PHONE,
    build_resident,
    rows_mentioning,
)
from volunteers import reports
from volunteers import services as volunteers
from volunteers.models import ServiceRecord, ShiftSignup, Volunteer, Wish

pytestmark = pytest.mark.django_db


def _delete_through_the_screens(client, password=PASSWORD):
    """我的 → 我的数据 → 注销账户 → 确认 (password)."""
    me = client.get(reverse("accounts:me")).content.decode()
    assert reverse("accounts:my_data") in me
    page = client.get(reverse("accounts:my_data")).content.decode()
    assert reverse("accounts:delete_account") in page
    step_one = client.get(reverse("accounts:delete_account"))
    assert reverse("accounts:delete_account_confirm") in step_one.content.decode()
    return client.post(reverse("accounts:delete_account_confirm"), {"password": password})


def _totals():
    """The figures that must not change: the study ledger for 2026, and
    approved volunteer hours for the site, per team and per month."""
    year = datetime.date.today().year
    summary = ledger.summary(*ledger.period(2026))
    return {
        "ledger": [
            (r.label, r.sessions, r.invited, r.attended, r.rate)
            for r in [*summary.rows, summary.total]
        ],
        "ledger_members": sorted(
            (m.name, m.invited, m.attended) for m in ledger.by_member(*ledger.period(2026))
        ),
        "hours": volunteers.approved_hours_total(),
        "teams": {r["name"]: r["hours"] for r in reports.hours_by_team(year)},
        "months": [m["hours"] for m in reports.hours_by_month(year)],
    }


# --- The page and the download ----------------------------------------------------------


def test_my_data_is_linked_from_my_page_and_shows_what_is_held(client, resident):
    client.force_login(resident["user"])
    assert reverse("accounts:my_data") in client.get(reverse("accounts:me")).content.decode()
    response = client.get(reverse("accounts:my_data"))
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert "139****0001" in html and RESIDENT_NAME in html
    assert "活动报名 2 条，其中未开始的 1 条" in html
    assert "志愿者登记：已通过，已认定服务时长 6 小时" in html
    assert "班次报名 1 条，服务记录 3 条，培训 1 条，表彰 1 条，证明 1 份" in html
    assert "发布的微心愿 1 个" in html
    assert "看过的课程 1 门，其中已完成 0 门" in html
    assert RESIDENT_PHONE not in html  # masked on the page; in full only in the file


def test_the_download_holds_every_kind_of_data_as_readable_json(client, site, member):
    # One person who is all of it: resident, volunteer, course viewer and party member.
    user = member["user"]
    build_resident(site, user=user)
    client.force_login(user)
    response = client.get(reverse("accounts:my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode("utf-8")
    assert MEMBER_NAME in text  # UTF-8, not \\u escapes
    data = json.loads(text)
    assert data["contents"] == {
        "account": "账户",
        "event_registrations": "活动报名",
        "course_progress": "课程学习进度",
        "evaluation": "民主评议",
        "party_member": "学习会（党员）",
        "meetings": "组织生活（三会一课）",
        "viewing_requests": "点播需求",
        "volunteer_service": "志愿服务",
        "outgoing_mail": "网站发给您的邮件",
    }
    assert data["account"]["phone"] == MEMBER_PHONE
    assert data["account"]["real_name"] == MEMBER_NAME
    assert datetime.datetime.fromisoformat(data["account"]["date_joined"]).utcoffset() == (
        datetime.timedelta(hours=8)
    )
    events = {r["event"]: r for r in data["event_registrations"]}
    assert events["社区大讲堂：防范电信诈骗"]["status"] == "已确认"
    assert events["往期讲座"]["checked_in_at"]
    assert data["course_progress"][0]["course"] == "基层党建工作学习"
    party = data["party_member"]
    assert party["member_register"]["branch"] == "第一党支部"
    assert party["attendance"][0] == {
        "session": "三月学习会",
        "date": "2026-03-10",
        "status": "出席",
        "mode": "现场",
        "note": "",
    }
    assert party["leave_requests"][0]["reason"] == "在外地照顾生病的母亲"
    texts = {r["text"]: r for r in party["reflections"]}
    assert texts["学习很有收获，要落实到社区工作中。"]["recorded_by_an_administrator"] is False
    assert texts["纸质心得，由管理员代录。"]["recorded_by_an_administrator"] is True
    service = data["volunteer_service"]
    assert service["volunteer"]["phone"] == MEMBER_PHONE
    assert sorted(r["hours"] for r in service["service_records"]) == ["1.00", "3.00", "3.00"]
    assert service["service_records"][0]["date"] == service["service_records"][0]["date"][:10]
    assert service["trainings"][0]["name"] == "应急救护培训"
    assert service["commendations"][0]["title"] == "优秀志愿者"
    assert service["certificates"][0]["total_hours"] == "6.00"
    assert service["shift_signups"][0]["shift"] == "上午班"
    assert service["wishes_posted"][0]["title"] == "帮忙修理楼道灯"


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    for name in ("my_data", "my_data_download", "delete_account", "delete_account_confirm"):
        response = client.get(reverse(f"accounts:{name}"))
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_volunteers_old_links_lead_to_my_data(client, resident):
    client.force_login(resident["user"])
    assert client.get(reverse("volunteers:data")).url == reverse("accounts:my_data")
    assert client.get(reverse("volunteers:delete")).url == reverse("accounts:delete_account")
    html = client.get(reverse("volunteers:me")).content.decode()
    assert reverse("accounts:my_data") in html


# --- Deleting the account ---------------------------------------------------------------


def test_deleting_erases_the_residents_name_and_number_from_the_whole_database(client, resident):
    # A real login (django-axes logs it), and a failed attempt as another
    # configuration would keep it: the number as typed.
    login = reverse("accounts:login")
    assert client.post(login, {"username": RESIDENT_PHONE, "password": PASSWORD}).status_code == 302
    AccessAttempt.objects.create(
        username="+86 １３９-1234-０００１",
        ip_address="10.0.0.1",
        user_agent="Mozilla/5.0",
        http_accept="*/*",
        path_info=login,
        get_data="",
        post_data="username=+86 １３９-1234-０００１",
        failures_since_start=1,
    )
    # An activation slip and an SMS code were once issued for her number.
    proof.issue_activation_code(RESIDENT_PHONE, actor=None, name=RESIDENT_NAME)
    SmsCode.objects.create(
        phone=RESIDENT_PHONE,
        code_hash="0" * 64,
        created_at=timezone.now(),
        expires_at=timezone.now(),
        address="10.0.0.1",
    )
    assert "axes_accesslog.username" in rows_mentioning(RESIDENT_PHONE)
    assert "axes_accessattempt.username" in rows_mentioning("１３９-1234")
    assert "accounts_activationcode.phone" in rows_mentioning(RESIDENT_PHONE)
    assert "accounts_smscode.phone" in rows_mentioning(RESIDENT_PHONE)
    user_pk = resident["user"].pk

    response = _delete_through_the_screens(client)

    assert response.status_code == 302 and response.url == reverse("accounts:deleted")
    assert "账户已注销" in client.get(response.url).content.decode()
    assert not get_user_model().objects.filter(pk=user_pk).exists()
    assert "_auth_user_id" not in client.session  # logged out
    assert rows_mentioning(RESIDENT_PHONE) == []
    assert rows_mentioning("１３９-1234") == []
    assert rows_mentioning(RESIDENT_NAME) == []
    assert rows_mentioning("ouyang@example.cn") == []
    assert rows_mentioning("应急救护培训") == []  # her training
    assert rows_mentioning("帮忙修理楼道灯") == []  # her open wish is withdrawn


def test_deleting_cancels_coming_places_and_the_waiting_list_moves_up_and_is_told(
    client, resident, django_capture_on_commit_callbacks
):
    client.force_login(resident["user"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _delete_through_the_screens(client).status_code == 302

    registration = Registration.objects.get(pk=resident["registration"].pk)
    assert registration.status == "cancelled" and registration.cancel_reason == "报名人注销账户"
    assert (registration.name, registration.phone, registration.email) == ("已注销用户", "", "")
    guest = Registration.objects.get(pk=resident["guest"].pk)
    assert guest.status == "confirmed" and guest.promoted_at
    signup = ShiftSignup.objects.get(pk=resident["signup"].pk)
    assert signup.status == "cancelled" and signup.phone == "" and signup.user is None
    behind = ShiftSignup.objects.get(pk=resident["behind"].pk)
    assert behind.status == "confirmed"
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == ["li@example.cn", "wang@example.cn"]


def test_deleting_keeps_every_total_on_anonymised_rows(client, resident, member):
    before = _totals()
    past_attended = Registration.objects.filter(
        occurrence=resident["past"], status="confirmed"
    ).exclude(checked_in_at=None)
    assert past_attended.count() == 1
    for user in (resident["user"], member["user"]):
        client.force_login(user)
        assert _delete_through_the_screens(client).status_code == 302

    assert _totals() == before
    assert before["hours"] == Decimal("6")
    kept = Volunteer.objects.get(pk=resident["volunteer"].pk)
    assert (kept.real_name, kept.phone, kept.status, kept.user) == (
        "已注销志愿者",
        "",
        "deleted",
        None,
    )
    assert set(kept.records.values_list("status", flat=True)) == {"approved"}
    assert not ServiceRecord.objects.filter(volunteer_user__isnull=False, volunteer=kept).exists()
    # The past talk still counts one attendee, without a name.
    assert past_attended.count() == 1
    assert past_attended.get().name == "已注销用户"


def test_a_party_members_register_stays_and_what_she_gave_through_the_account_goes(client, member):
    client.force_login(member["user"])
    assert _delete_through_the_screens(client).status_code == 302

    row = Member.objects.get(pk=member["member"].pk)
    assert (row.name, row.phone, row.user) == (MEMBER_NAME, MEMBER_PHONE, None)
    assert Attendance.objects.filter(member=row, status="present").count() == 1
    assert not Reflection.objects.filter(pk=member["reflection"].pk).exists()
    assert Reflection.objects.filter(pk=member["recorded"].pk).exists()  # on paper, kept
    assert not LeaveRequest.objects.filter(pk=member["leave"].pk).exists()  # pending: withdrawn
    assert not CourseProgress.objects.exists()
    # The register is the branch's: only it still names her.
    assert {place.split(".")[0] for place in rows_mentioning(MEMBER_PHONE)} == {"study_member"}


def test_a_decided_leave_request_keeps_its_decision_but_loses_its_reason(client, member):
    leave = member["leave"]
    from learning.study import services as study

    study.decide_leave(leave, True, UserFactory(is_superuser=True))
    client.force_login(member["user"])
    assert _delete_through_the_screens(client).status_code == 302
    leave.refresh_from_db()
    assert leave.status == "accepted"
    assert leave.reason == "（申请人已注销账户，原因已删除）"


def test_a_wrong_password_erases_nothing(client, resident):
    client.force_login(resident["user"])
    response = _delete_through_the_screens(client, password="not-my-password")
    assert response.status_code == 400
    assert "密码不正确，账户没有注销" in response.content.decode()
    assert get_user_model().objects.filter(pk=resident["user"].pk).exists()
    assert Registration.objects.get(pk=resident["registration"].pk).status == "confirmed"
    assert Volunteer.objects.get(pk=resident["volunteer"].pk).real_name == RESIDENT_NAME
    assert Wish.objects.filter(pk=resident["wish"].pk).exists()
    assert "volunteers_volunteer.phone" in rows_mentioning(RESIDENT_PHONE)


def test_staff_cannot_delete_themselves_here(client):
    editor = UserFactory(roles=["编辑"])
    client.force_login(editor)
    page = client.get(reverse("accounts:my_data")).content.decode()
    assert "工作人员账户，不能在这里自行注销" in page
    assert reverse("accounts:delete_account_confirm") not in page
    assert client.get(reverse("accounts:delete_account")).status_code == 403
    response = client.post(reverse("accounts:delete_account_confirm"), {"password": PASSWORD})
    assert response.status_code == 403
    assert "工作人员账户不能自行注销" in response.content.decode()
    assert get_user_model().objects.filter(pk=editor.pk).exists()
    with pytest.raises(personal_data.PersonalDataError, match="工作人员账户不能自行注销"):
        personal_data.erase_account(editor, editor)


def test_nobody_erases_someone_else_without_the_permission(resident):
    other = UserFactory()
    with pytest.raises(personal_data.PersonalDataError, match="没有注销他人账户的权限"):
        personal_data.erase_account(resident["user"], other)
    assert get_user_model().objects.filter(pk=resident["user"].pk).exists()


def test_a_failing_provider_leaves_everything_as_it_was(
    resident, django_capture_on_commit_callbacks
):
    """All erasures run in one transaction: one app failing undoes the others."""

    def broken():
        def erase(user, actor, now):
            raise RuntimeError("disk full")

        return PersonalData(
            key="broken", label="坏的", export=lambda user: None, erase=erase, order=999
        )

    user = resident["user"]
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        hooks.register_temporarily("register_personal_data", broken),
        pytest.raises(RuntimeError),
    ):
        personal_data.erase_account(user, user)
    assert callbacks == []
    assert get_user_model().objects.filter(pk=user.pk).exists()
    assert Registration.objects.get(pk=resident["registration"].pk).status == "confirmed"
    assert Registration.objects.get(pk=resident["guest"].pk).status == "waiting"
    assert Volunteer.objects.get(pk=resident["volunteer"].pk).phone == RESIDENT_PHONE
    assert mail.outbox == []  # nobody told of a promotion that did not happen


def test_two_people_who_went_to_the_same_talk_can_both_leave(client, resident):
    """Anonymised registrations carry no number, so the database's "one
    active registration per number" does not stop the second erasure."""

    neighbour = UserFactory()
    past = resident["past"]
    Registration.objects.create(
        occurrence=past,
        user=neighbour,
        name=neighbour.real_name,
        phone=neighbour.phone,
        status="confirmed",
    )
    for user in (resident["user"], neighbour):
        client.force_login(user)
        assert _delete_through_the_screens(client).status_code == 302
    kept = Registration.objects.filter(occurrence=past, status="confirmed")
    assert list(kept.values_list("name", "phone")) == [("已注销用户", "")] * 2
