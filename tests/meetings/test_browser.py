"""A secretary records a 支委会 with its attendance on a 360 px phone and
sees it in the register (axe-clean, nothing wider than the screen)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from learning.meetings.models import Meeting
from tests.a11y import axe_violations, horizontal_overflow
from tests.accounts.factories import PASSWORD, UserFactory
from tests.study.factories import BranchFactory, MemberFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_secretary_records_a_committee_meeting_on_a_phone_and_sees_it_in_the_register(
    phone, live_server
):
    branch = BranchFactory(name="幸福里小区党支部")
    MemberFactory.create_batch(4, branch=branch)
    MemberFactory(branch=branch, name="李建国")
    secretary = UserFactory(phone="13700000042", roles=[roles.BRANCH_ADMINS])
    branch.administrators.add(secretary)
    day = timezone.localdate()

    phone.goto(live_server.url + reverse("meetings_admin:new"))
    phone.locator("#id_username").fill("13700000042")
    phone.locator("#id_password").fill(PASSWORD)
    phone.locator("button[type=submit]").click()
    phone.locator("#id_kind").select_option("committee")
    phone.get_by_role("button", name="下一步").click()
    phone.get_by_label("李建国 出勤").wait_for(state="visible")
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) == 0

    phone.locator("#id_day").fill(day.isoformat())
    phone.locator("#id_place").fill("社区党群服务中心")
    phone.locator("#id_host").fill("王秀兰")
    phone.locator("#id_topic").fill("研究本月工作安排")
    phone.locator("#id_minutes").fill("会议研究了本月的志愿服务安排。")
    phone.get_by_label("李建国 出勤").select_option("excused")
    phone.get_by_label("李建国 方式").select_option("")
    phone.get_by_role("button", name="保存会议记录").click()
    phone.wait_for_selector("text=会议记录已保存")
    meeting = Meeting.objects.get()
    assert (meeting.kind, meeting.topic) == ("committee", "研究本月工作安排")
    assert meeting.attendances.count() == 5
    assert meeting.attendances.get(member__name="李建国").status == "excused"

    phone.goto(live_server.url + reverse("meetings_admin:register") + f"?year={day.year}")
    assert "支部委员会1次" in phone.locator("main").inner_text()
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) == 0
