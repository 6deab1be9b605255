"""A member's way in (issue: nobody becomes a party member by typing a phone
number; imported members get logins): the impostor who registered with a
member's number sees and does nothing of the member's record; the branch
administrator issues activation slips (one, a selection, everyone filtered,
the whole import), sees who is linked, unlinks; the slip links the member."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from accounts import proof, roles
from accounts.models import ActivationCode
from events import services as event_services
from learning.study import services
from learning.study.models import Attendance, Member
from tests.accounts.factories import UserFactory
from tests.study.factories import MemberFactory, make_session

pytestmark = pytest.mark.django_db
INDEX = "study_access:index"
ISSUE = "study_access:issue"
NEW_PASSWORD = "hui-jia-de-lu-2026"


@pytest.fixture
def li(branch):
    return MemberFactory(branch=branch, name="李建国", phone="13912340001")


@pytest.fixture
def running(event_index, branch, members, li):
    now = timezone.now()
    return make_session(
        event_index,
        [branch],
        title="正在进行的学习会",
        start=now - datetime.timedelta(minutes=5),
        end=now + datetime.timedelta(hours=1),
    )


def _code_from(html):
    import re

    return re.search(r'class="slip__code">([A-Z0-9-]+)<', html).group(1)


def test_an_impostor_with_the_members_number_is_no_member(client, running, li):
    impostor = UserFactory(phone=li.phone)  # e.g. registered as a volunteer with it
    assert services.member_for_user(impostor) is None
    assert services.link_accounts(Member.objects.all()) == 0
    assert not event_services.audience_allows(running, impostor)
    client.force_login(impostor)
    response = client.post(
        reverse("study:check_in", args=[running.pk, services.check_in_code(running)])
    )
    assert "还没有关联党员登记" in response.content.decode()
    assert not Attendance.objects.exists()
    html = client.get(reverse("study:mine")).content.decode()
    assert "还没有关联党员登记" in html and "第一党支部" not in html
    assert client.get(reverse("study:leave", args=[running.pk])).status_code == 403
    li.refresh_from_db()
    assert li.user is None


def test_the_branch_administrators_group_holds_the_permission():
    group = Group.objects.get(name=roles.BRANCH_ADMINS)
    assert group.permissions.filter(codename="manage_member_access").exists()
    assert Permission.objects.filter(codename="manage_member_access").count() == 1


def test_editors_cannot_reach_the_access_screens(client, li):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    assert client.get(reverse(INDEX)).status_code in (302, 403)
    response = client.post(reverse(ISSUE), {"only": li.pk})
    assert response.status_code in (302, 403)
    assert not ActivationCode.objects.exists()


def test_a_slip_for_one_member_prints_name_branch_code_qr_url_and_expiry(admin_client, li):
    response = admin_client.post(reverse(ISSUE), {"only": li.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    code = _code_from(html)
    assert "李建国" in html and "第一党支部" in html and "<svg" in html
    # The slip carries the site's configured address (the default Site), not
    # whatever Host the administrator's browser happened to use.
    site = Site.objects.get(is_default_site=True)
    assert f"{site.hostname}/accounts/activate/{code}/" in html
    expires = ActivationCode.objects.get().expires_at
    assert timezone.localtime(expires).strftime("%Y年%-m月%-d日") in html
    assert "只能用一次" in html


def test_the_member_redeems_the_slip_is_linked_and_sees_the_sessions(
    client, admin_client, running, li
):
    code = _code_from(admin_client.post(reverse(ISSUE), {"only": li.pk}).content.decode())
    response = client.post(
        reverse("accounts:activate", args=[code]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    li.refresh_from_db()
    assert li.user is not None and li.user.phone == li.phone and li.user.real_name == "李建国"
    html = client.get(reverse("study:mine")).content.decode()
    assert "第一党支部" in html and "正在进行的学习会" in html
    client.post(reverse("study:check_in", args=[running.pk, services.check_in_code(running)]))
    assert Attendance.objects.get(member=li).status == "present"


def test_slips_for_a_selection_and_for_everyone_filtered(
    client, community_admin, branch, other_branch, li
):
    client.force_login(community_admin)
    others = [MemberFactory(branch=other_branch) for _ in range(3)]
    gone = MemberFactory(branch=branch, active=False)
    response = client.post(reverse(ISSUE), {"members": [li.pk, others[0].pk, gone.pk]})
    assert response.content.decode().count('class="slip"') == 2
    response = client.post(
        reverse(ISSUE), {"scope": "filtered", "branch": other_branch.pk, "state": "nothing"}
    )
    assert response.content.decode().count('class="slip"') == 2  # the two without a slip
    assert ActivationCode.objects.filter(revoked_at=None).count() == 4
    assert not ActivationCode.objects.filter(phone=gone.phone).exists()


def test_a_branch_administrator_gives_slips_only_to_their_own_branch(
    admin_client, other_branch, li
):
    stranger = MemberFactory(branch=other_branch, name="外支部党员")
    response = admin_client.post(reverse(ISSUE), {"members": [li.pk, stranger.pk]})
    assert response.content.decode().count('class="slip"') == 1
    response = admin_client.post(reverse(ISSUE), {"scope": "filtered", "branch": other_branch.pk})
    assert response.status_code == 302  # nobody of theirs in that branch
    assert admin_client.post(reverse(ISSUE), {"only": stranger.pk}).status_code == 302
    assert not ActivationCode.objects.filter(phone=stranger.phone).exists()
    html = admin_client.get(reverse(INDEX)).content.decode()
    assert "李建国" in html and "外支部党员" not in html and other_branch.name not in html
    url = reverse("study_access:unlink", args=[stranger.pk])
    assert admin_client.get(url).status_code == 404


def test_the_whole_import_gets_slips(admin_client, branch):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = "姓名,手机号码,支部,网格,状态\n张秀英,13812345678,第一党支部,,\n刘德华,13912345678,第一党支部,,\n"
    upload = SimpleUploadedFile("members.csv", io.BytesIO(rows.encode()).getvalue())
    response = admin_client.post(reverse("study_admin:import"), {"file": upload})
    assert response["Location"] == reverse(INDEX) + "?import=1"
    MemberFactory(branch=branch, name="老党员")  # not part of the import
    html = admin_client.get(response["Location"]).content.decode()
    assert "刚导入了 2 名党员" in html and "老党员" not in html
    response = admin_client.post(
        reverse(ISSUE), {"scope": "filtered", "import": "1", "state": "nothing"}
    )
    html = response.content.decode()
    assert html.count('class="slip"') == 2 and "张秀英" in html and "老党员" not in html


def test_a_new_slip_resets_access_and_the_listing_shows_each_state(admin_client, branch, li):
    linked = MemberFactory(branch=branch, name="王芳")
    proof.redeem_activation_code(
        proof.issue_activation_code(linked.phone, actor=None, name="王芳")[1],
        address="203.0.113.7",
        password=NEW_PASSWORD,
    )
    slipped = MemberFactory(branch=branch, name="赵强")
    admin_client.post(reverse(ISSUE), {"only": slipped.pk})
    html = admin_client.get(reverse(INDEX)).content.decode()
    assert "已关联账户" in html and "激活码未使用" in html and "未开通" in html
    listing = admin_client.get(reverse("study_member:index")).content.decode()
    assert "已关联账户" in listing and "激活码未使用" in listing and "未开通" in listing
    first = _code_from(admin_client.post(reverse(ISSUE), {"only": li.pk}).content.decode())
    admin_client.post(reverse(ISSUE), {"only": li.pk})
    assert (
        "已经作废" in admin_client.get(reverse("accounts:activate", args=[first])).content.decode()
    )


def test_unlinking_hides_the_record_and_the_account_must_prove_the_number_again(
    admin_client, client, li
):
    user = proof.redeem_activation_code(
        proof.issue_activation_code(li.phone, actor=None, name=li.name)[1],
        address="203.0.113.7",
        password=NEW_PASSWORD,
    )
    li.refresh_from_db()
    assert li.user == user
    url = reverse("study_access:unlink", args=[li.pk])
    assert "解除后" in admin_client.get(url).content.decode()
    assert admin_client.post(url).status_code == 302
    li.refresh_from_db()
    user.refresh_from_db()
    assert li.user is None and user.phone_verified_at is None
    assert services.member_for_user(user) is None
    assert services.link_accounts(Member.objects.all()) == 0


def test_a_verified_account_is_linked_when_its_member_is_imported_later(branch):
    user = UserFactory(phone="13812345678", phone_verified_at=timezone.now())
    member = MemberFactory(branch=branch, phone="13812345678")
    assert services.link_accounts(Member.objects.all()) == 1
    member.refresh_from_db()
    assert member.user == user


def test_a_staff_number_gets_no_slip_and_the_administrator_is_told(admin_client, branch):
    member = MemberFactory(branch=branch, name="孙主任", phone="13812345678")
    UserFactory(phone="13812345678", roles=[roles.REVIEWERS])
    response = admin_client.post(reverse(ISSUE), {"only": member.pk}, follow=True)
    assert "管理人员账户" in response.content.decode()
    assert not ActivationCode.objects.exists()
