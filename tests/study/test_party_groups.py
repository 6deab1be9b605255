"""党小组: a branch's party groups, kept by its administrators; a member
belongs to at most one, of their own branch, whichever way they are entered
(the form, the import file)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learning.study.models import Member, PartyGroup
from tests.study.factories import MemberFactory, PartyGroupFactory
from tests.study.test_members import post, xlsx

pytestmark = pytest.mark.django_db


def member_form(branch, group, **fields):
    return {
        "name": "孙丽",
        "phone": "13912340000",
        "branch": branch.pk,
        "party_group": group.pk if group else "",
        "role": "member",
        "status": "normal",
        "active": "on",
        **fields,
    }


def test_a_member_is_put_in_a_party_group_of_their_branch(admin_client, branch):
    group = PartyGroupFactory(branch=branch, name="第一党小组")
    response = admin_client.post(reverse("study_member:add"), member_form(branch, group))
    assert response.status_code == 302
    assert Member.objects.get().party_group == group
    listing = admin_client.get(reverse("study_member:index")).content.decode()
    assert "第一党小组" in listing


def test_the_member_form_refuses_a_party_group_of_another_branch_and_keeps_the_input(
    admin_client, branch, other_branch, community_admin, client
):
    foreign = PartyGroupFactory(branch=other_branch, name="别的党小组")
    mine = PartyGroupFactory(branch=branch, name="我的党小组")
    # A community administrator is offered both groups: the model refuses the mix.
    client.force_login(community_admin)
    response = client.post(reverse("study_member:add"), member_form(branch, foreign))
    assert response.status_code == 200
    html = response.content.decode()
    assert "不属于该党员所在的支部" in html
    assert "孙丽" in html and "13912340000" in html
    assert not Member.objects.exists()
    # A branch administrator is not even offered another branch's group.
    response = admin_client.post(reverse("study_member:add"), member_form(branch, foreign))
    assert response.status_code == 200
    assert not Member.objects.exists()
    assert (
        admin_client.post(reverse("study_member:add"), member_form(branch, mine)).status_code == 302
    )


def test_moving_a_member_to_another_branch_without_changing_the_group_is_refused(
    community_admin, client, branch, other_branch
):
    group = PartyGroupFactory(branch=branch)
    member = MemberFactory(branch=branch, party_group=group)
    member.branch = other_branch
    with pytest.raises(ValidationError) as raised:
        member.full_clean()
    assert "party_group" in raised.value.message_dict
    client.force_login(community_admin)
    response = client.post(
        reverse("study_member:edit", args=[member.pk]),
        member_form(other_branch, group, name=member.name, phone=member.phone),
    )
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.branch == branch


def test_a_party_groups_leader_must_be_a_member_of_its_branch(
    client, community_admin, branch, other_branch
):
    stranger = MemberFactory(branch=other_branch)
    local = MemberFactory(branch=branch)
    client.force_login(community_admin)
    data = {"branch": branch.pk, "name": "第二党小组", "leader": stranger.pk, "sort_order": 0}
    response = client.post(reverse("study_party_group:add"), data)
    assert response.status_code == 200
    assert "组长必须是本支部的党员" in response.content.decode()
    assert not PartyGroup.objects.exists()
    response = client.post(reverse("study_party_group:add"), {**data, "leader": local.pk})
    assert response.status_code == 302
    assert PartyGroup.objects.get().leader == local


def test_two_party_groups_of_one_branch_cannot_share_a_name(admin_client, branch):
    PartyGroupFactory(branch=branch, name="第一党小组")
    response = admin_client.post(
        reverse("study_party_group:add"),
        {"branch": branch.pk, "name": "第一党小组", "sort_order": 0},
    )
    assert response.status_code == 200
    assert "本支部已有同名党小组" in response.content.decode()
    assert PartyGroup.objects.count() == 1


def test_another_branchs_party_group_is_neither_listed_nor_found(
    admin_client, branch, other_branch
):
    PartyGroupFactory(branch=branch, name="我的党小组")
    foreign = PartyGroupFactory(branch=other_branch, name="别的党小组")
    listing = admin_client.get(reverse("study_party_group:index")).content.decode()
    assert "我的党小组" in listing and "别的党小组" not in listing
    assert admin_client.get(reverse("study_party_group:edit", args=[foreign.pk])).status_code == 404
    response = admin_client.post(
        reverse("study_party_group:add"), {"branch": other_branch.pk, "name": "新", "sort_order": 0}
    )
    assert response.status_code == 200
    assert not PartyGroup.objects.filter(name="新").exists()


def test_the_import_puts_members_in_their_branchs_party_group_or_names_the_wrong_row(
    admin_client, branch, other_branch
):
    group = PartyGroupFactory(branch=branch, name="第一党小组")
    PartyGroupFactory(branch=other_branch, name="第二党小组")
    response = post(
        admin_client,
        xlsx(
            [
                ["张秀英", "13812345678", "第一党支部", "", "", "第一党小组"],
                ["刘德华", "13912345678", "第一党支部", "", "", "第二党小组"],
            ]
        ),
    )
    assert response.status_code == 400
    errors = dict(response.context["errors"])
    assert "党小组“第二党小组”不是支部“第一党支部”的党小组" in errors[3]
    assert 2 not in errors
    response = post(
        admin_client,
        xlsx(
            [
                ["张秀英", "13812345678", "第一党支部", "", "", "第一党小组"],
                ["刘德华", "13912345678", "第一党支部", "", ""],
            ]
        ),
    )
    assert response.status_code == 302
    assert Member.objects.get(phone="13812345678").party_group == group
    assert Member.objects.get(phone="13912345678").party_group is None


def test_the_member_export_names_the_party_group(admin_client, branch):
    from io import BytesIO

    from openpyxl import load_workbook

    MemberFactory(branch=branch, party_group=PartyGroupFactory(branch=branch, name="第一党小组"))
    response = admin_client.get(reverse("study_admin:export"))
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][-1] == "党小组"
    assert rows[1][-1] == "第一党小组"
