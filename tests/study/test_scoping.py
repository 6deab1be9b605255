"""Branch administrators see and change only their own branches, through
the real admin screens; a community-level administrator sees all.

Branch A (第一党支部) is administered by ``branch_admin``; branch B
(第二党支部) by nobody here."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from accounts import roles
from learning.study import scope, services
from learning.study.models import (
    Attendance,
    Branch,
    LeaveRequest,
    Member,
    Reflection,
    RollCall,
    StudyPlan,
)
from tests.accounts.factories import UserFactory
from tests.study.factories import MemberFactory, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(event_index, branch, other_branch):
    """Members, a session for each branch and one for both, with a leave
    request and a reflection in each branch."""
    a = [MemberFactory(branch=branch, name=f"甲{n}") for n in "一二三"]
    b = [MemberFactory(branch=other_branch, name=f"乙{n}") for n in "一二"]
    start = timezone.now() - datetime.timedelta(hours=1)
    end = start + datetime.timedelta(hours=2)
    only_a = make_session(event_index, [branch], title="甲支部学习会", start=start, end=end)
    only_b = make_session(event_index, [other_branch], title="乙支部学习会", start=start, end=end)
    both = make_session(
        event_index, [branch, other_branch], title="联合学习会", start=start, end=end
    )
    leave_a = LeaveRequest.objects.create(session=both, member=a[0], reason="甲的请假")
    leave_b = LeaveRequest.objects.create(session=both, member=b[0], reason="乙的请假")
    reflection_a = Reflection.objects.create(session=both, member=a[1], text="甲的心得", rating=5)
    reflection_b = Reflection.objects.create(session=both, member=b[1], text="乙的心得", rating=4)
    StudyPlan.objects.create(branch=branch, month=datetime.date(2026, 3, 1), topic="甲的计划")
    plan_b = StudyPlan.objects.create(
        branch=other_branch, month=datetime.date(2026, 3, 1), topic="乙的计划"
    )
    return {
        "a": a,
        "b": b,
        "only_a": only_a,
        "only_b": only_b,
        "both": both,
        "leave_a": leave_a,
        "leave_b": leave_b,
        "reflection_a": reflection_a,
        "reflection_b": reflection_b,
        "plan_b": plan_b,
    }


def test_branches_for_is_the_users_branches_or_all_for_the_community_level(
    world, branch, other_branch, branch_admin, community_admin
):
    assert list(scope.branches_for(branch_admin)) == [branch]
    assert set(scope.branches_for(community_admin)) == {branch, other_branch}
    assert set(scope.branches_for(UserFactory(is_superuser=True))) == {branch, other_branch}
    assert not scope.branches_for(UserFactory(roles=[roles.BRANCH_ADMINS])).exists()


def test_the_member_list_shows_only_the_administrators_branch(admin_client, world):
    html = admin_client.get(reverse("study_member:index")).content.decode()
    assert all(m.name in html for m in world["a"])
    assert not any(m.name in html for m in world["b"])
    # The branch filter offers only their own branch.
    assert "第二党支部" not in html


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage", "copy"])
def test_another_branchs_member_is_not_found_by_id(admin_client, world, view):
    other = world["b"][0]
    response = admin_client.get(reverse(f"study_member:{view}", args=[other.pk]))
    assert response.status_code == 404
    assert admin_client.get(
        reverse(f"study_member:{view}", args=[world["a"][0].pk])
    ).status_code in (
        200,
        302,
    )


def test_another_branchs_member_cannot_be_changed_or_deleted_by_post(admin_client, world):
    other = world["b"][0]
    edit = admin_client.post(
        reverse("study_member:edit", args=[other.pk]),
        {"name": "改名", "phone": other.phone, "branch": other.branch_id, "status": "normal"},
    )
    delete = admin_client.post(reverse("study_member:delete", args=[other.pk]))
    assert (edit.status_code, delete.status_code) == (404, 404)
    other.refresh_from_db()
    assert other.name != "改名"


def test_a_member_cannot_be_added_to_or_moved_into_another_branch(
    admin_client, world, other_branch
):
    response = admin_client.post(
        reverse("study_member:add"),
        {"name": "孙丽", "phone": "13500001111", "branch": other_branch.pk, "status": "normal"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert not Member.objects.filter(phone="13500001111").exists()
    mine = world["a"][0]
    admin_client.post(
        reverse("study_member:edit", args=[mine.pk]),
        {"name": mine.name, "phone": mine.phone, "branch": other_branch.pk, "status": "normal"},
    )
    mine.refresh_from_db()
    assert mine.branch_id != other_branch.pk


def test_the_roll_of_a_session_for_another_branch_only_is_not_found(admin_client, world):
    session = world["only_b"]
    assert admin_client.get(reverse("study_admin:roll", args=[session.pk])).status_code == 404
    assert admin_client.post(reverse("study_admin:roll", args=[session.pk]), {}).status_code == 404
    assert admin_client.get(reverse("study_admin:sheet", args=[session.pk])).status_code == 404
    url = reverse("study_admin:record_reflection", args=[session.pk])
    assert admin_client.get(url).status_code == 404
    assert not Attendance.objects.exists()


def test_a_shared_sessions_roll_lists_and_saves_only_the_administrators_branch(
    admin_client, world, branch
):
    session = world["both"]
    page = admin_client.get(reverse("study_admin:roll", args=[session.pk]))
    html = page.content.decode()
    assert all(m.name in html for m in world["a"])
    assert not any(m.name in html for m in world["b"])
    assert "乙的请假" not in html and "甲的请假" in html
    outsider = world["b"][0]
    response = admin_client.post(
        reverse("study_admin:roll", args=[session.pk]),
        {f"status-{outsider.pk}": "absent", f"mode-{outsider.pk}": ""},
    )
    assert response.status_code == 302
    assert set(Attendance.objects.values_list("member__branch", flat=True)) == {branch.pk}
    assert list(RollCall.objects.values_list("branch", flat=True)) == [branch.pk]


def test_another_branchs_leave_cannot_be_seen_or_decided(admin_client, world):
    leave_b = world["leave_b"]
    listing = admin_client.get(reverse("study_leave:index")).content.decode()
    assert "甲的请假" in listing and "乙的请假" not in listing
    for view in ("edit", "inspect", "delete", "history"):
        url = reverse(f"study_leave:{view}", args=[leave_b.pk])
        assert admin_client.get(url).status_code == 404, view
    decide = reverse("study_admin:leave", args=[leave_b.pk, "accept"])
    assert admin_client.post(decide).status_code == 404
    leave_b.refresh_from_db()
    assert leave_b.status == "pending"


def test_another_branchs_reflection_cannot_be_seen_or_moderated(admin_client, world):
    reflection_b = world["reflection_b"]
    listing = admin_client.get(reverse("study_reflection:index")).content.decode()
    assert world["a"][1].name in listing and world["b"][1].name not in listing
    for view in ("edit", "inspect", "delete"):
        url = reverse(f"study_reflection:{view}", args=[reflection_b.pk])
        assert admin_client.get(url).status_code == 404, view
    moderate = reverse("study_admin:moderate", args=[reflection_b.pk, "approve"])
    assert admin_client.post(moderate).status_code == 404
    reflection_b.refresh_from_db()
    assert reflection_b.status == "pending"


def test_another_branchs_plan_is_not_listed_or_found(admin_client, world):
    listing = admin_client.get(reverse("study_plan:index")).content.decode()
    assert "甲的计划" in listing and "乙的计划" not in listing
    url = reverse("study_plan:edit", args=[world["plan_b"].pk])
    assert admin_client.get(url).status_code == 404
    plan = admin_client.get(reverse("study_admin:plan") + "?year=2026").context["rows"]
    assert [row["branch"].name for row in plan] == ["第一党支部"]


def test_the_ledger_and_its_export_show_only_the_administrators_branch(
    admin_client, world, other_branch
):
    services.save_roll(world["both"], {}, None)
    year = timezone.localdate().year
    response = admin_client.get(reverse("study_admin:ledger") + f"?year={year}")
    assert [r.label for r in response.context["rows"]] == ["第一党支部"]
    assert response.context["total"].invited == 3
    url = reverse("study_admin:ledger") + f"?year={year}&branch={other_branch.pk}"
    assert admin_client.get(url).status_code == 404
    export = admin_client.get(reverse("study_admin:ledger_export") + f"?year={year}")
    sheet = load_workbook(io.BytesIO(export.content))["汇总"]
    labels = [r[0] for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]]
    assert "第二党支部" not in labels and "第一党支部" in labels


def test_the_member_export_and_import_stay_in_the_administrators_branch(admin_client, world):
    sheet = load_workbook(io.BytesIO(admin_client.get(reverse("study_admin:export")).content))
    names = [row[0] for row in sheet.active.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == sorted(m.name for m in world["a"])
    book = Workbook()
    book.active.append(["姓名", "手机号码", "支部", "网格", "状态"])
    book.active.append(["新甲", "13600002222", "第一党支部", "", ""])
    book.active.append(["新乙", "13600003333", "第二党支部", "", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    response = admin_client.post(
        reverse("study_admin:import"), {"file": SimpleUploadedFile("名单.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 400
    assert dict(response.context["errors"]) == {3: "支部“第二党支部”不归您管理，不能导入"}
    assert not Member.objects.filter(name__startswith="新").exists()


def test_services_refuse_another_branch_whatever_the_screen(world, branch_admin):
    with pytest.raises(services.StudyError):
        services.save_roll(world["only_b"], {}, branch_admin)
    with pytest.raises(services.StudyError):
        services.decide_leave(world["leave_b"], True, branch_admin)
    with pytest.raises(services.StudyError):
        services.moderate_reflection(world["reflection_b"], True, branch_admin)
    with pytest.raises(services.StudyError):
        services.submit_reflection(
            world["both"], world["b"][0], "代录", 5, recorded_by=branch_admin
        )
    assert not Attendance.objects.exists()


def test_a_community_level_administrator_sees_every_branch(client, world, community_admin):
    client.force_login(community_admin)
    listing = client.get(reverse("study_member:index")).content.decode()
    assert all(m.name in listing for m in world["a"] + world["b"])
    roll = client.get(reverse("study_admin:roll", args=[world["only_b"].pk]))
    assert roll.status_code == 200
    assert client.post(reverse("study_admin:roll", args=[world["both"].pk]), {}).status_code == 302
    assert RollCall.objects.filter(session=world["both"]).count() == 2
    assert Attendance.objects.filter(session=world["both"]).count() == 5
    year = timezone.localdate().year
    rows = client.get(reverse("study_admin:ledger") + f"?year={year}").context["rows"]
    assert {r.label for r in rows} == {"第一党支部", "第二党支部"}
    decide = reverse("study_admin:leave", args=[world["leave_b"].pk, "accept"])
    assert client.post(decide).status_code == 302


def test_only_a_community_level_administrator_chooses_a_branchs_administrators(
    client, admin_client, world, branch, other_branch, branch_admin, community_admin
):
    form = admin_client.get(reverse("study_branch:edit", args=[branch.pk]))
    assert form.status_code == 200
    assert 'name="administrators"' not in form.content.decode()
    helper = UserFactory(roles=[roles.BRANCH_ADMINS])
    renamed = admin_client.post(
        reverse("study_branch:edit", args=[branch.pk]),
        {
            "name": "第一党支部",
            "secretary": "王书记",
            "sort_order": "0",
            "administrators": [helper.pk],
        },
    )
    assert renamed.status_code == 302  # name and secretary saved, administrators ignored
    assert list(branch.administrators.all()) == [branch_admin]
    assert Branch.objects.get(pk=branch.pk).secretary == "王书记"
    assert admin_client.get(reverse("study_branch:edit", args=[other_branch.pk])).status_code == 404
    assert admin_client.get(reverse("study_branch:add")).status_code in (302, 403)
    secretary = UserFactory(roles=[roles.BRANCH_ADMINS], real_name="赵书记")
    client.force_login(community_admin)
    page = client.get(reverse("study_branch:edit", args=[other_branch.pk])).content.decode()
    assert "赵书记" in page
    response = client.post(
        reverse("study_branch:edit", args=[other_branch.pk]),
        {
            "name": other_branch.name,
            "secretary": "",
            "sort_order": "0",
            "administrators": [str(secretary.pk)],
        },
    )
    assert response.status_code == 302
    assert list(scope.branches_for(secretary)) == [Branch.objects.get(pk=other_branch.pk)]


@pytest.mark.parametrize("viewset", ["study_reflection", "study_leave"])
def test_reflections_and_leave_requests_cannot_be_added_in_the_admin(admin_client, viewset):
    """They are written by members (or recorded from the roll call) through
    the services: the list has no 添加 and there is no new/ screen, though
    a 远教管理员 holds the add permission for the roll call's 代录学习心得."""
    index = admin_client.get(reverse(f"{viewset}:index"))
    assert index.status_code == 200
    assert f'href="/admin/{viewset}/new/"' not in index.content.decode()
    assert admin_client.get(f"/admin/{viewset}/new/").status_code == 404
