"""Members: import all-or-nothing with row errors, export, the admin forms."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from learning.study.models import Member
from tests.study.factories import MemberFactory

pytestmark = pytest.mark.django_db

HEADER = ["姓名", "手机号码", "支部", "网格", "状态", "党小组"]


def xlsx(rows, name="名单.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def post(client, upload):
    return client.post(reverse("study_admin:import"), {"file": upload})


def test_a_clean_file_imports_every_member_with_grid_and_status(admin_client, branch):
    response = post(
        admin_client,
        xlsx(
            [
                ["张秀英", "138 1234 5678", "第一党支部", "第三网格", "行动不便"],
                ["刘德华", "+8613912345678", "第一党支部", "", ""],
            ]
        ),
    )
    assert response.status_code == 302
    zhang = Member.objects.get(phone="13812345678")
    assert zhang.status == "homebound"
    assert zhang.grid.name == "第三网格"
    assert Member.objects.get(phone="13912345678").status == "normal"


def test_one_broken_row_imports_nothing_and_names_each_wrong_row(admin_client, branch):
    MemberFactory(branch=branch, phone="13700000099")
    response = post(
        admin_client,
        xlsx(
            [
                ["张秀英", "13812345678", "第一党支部", "", ""],
                ["王芳", "12345", "第一党支部", "", ""],
                ["赵强", "13812345678", "第九党支部", "", "退休"],
                ["", "13700000099", "第一党支部", "", ""],
            ]
        ),
    )
    assert response.status_code == 400
    errors = dict(response.context["errors"])
    assert "不是 11 位大陆手机号" in errors[3]
    assert "与第 2 行重复" in errors[4]
    assert "支部“第九党支部”不存在" in errors[4]
    assert "状态“退休”" in errors[4]
    assert "姓名为空" in errors[5]
    assert "已登记为党员" in errors[5]
    assert 2 not in errors
    assert Member.objects.count() == 1


def test_a_csv_file_in_gbk_is_read(admin_client, branch):
    text = "姓名,手机号码,支部,网格,状态\n陈平,13600001111,第一党支部,,流动党员\n"
    response = post(admin_client, SimpleUploadedFile("名单.csv", text.encode("gb18030")))
    assert response.status_code == 302
    assert Member.objects.get().status == "away"


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_chinese(admin_client, branch):
    response = post(admin_client, SimpleUploadedFile("名单.xlsx", b"not a zip"))
    assert response.status_code == 400
    assert "无法读取这个 Excel 文件" in response.content.decode()


def test_the_member_list_exports_to_excel(admin_client, branch):
    MemberFactory(branch=branch, name="周敏", phone="13500002222")
    response = admin_client.get(reverse("study_admin:export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADER
    assert [c.value for c in sheet[2]][:3] == ["周敏", "13500002222", "第一党支部"]


def test_an_exported_list_imports_again_after_the_members_are_gone(admin_client, branch):
    MemberFactory(branch=branch, name="周敏", phone="13500002222")
    content = admin_client.get(reverse("study_admin:export")).content
    Member.objects.all().delete()
    assert post(admin_client, SimpleUploadedFile("x.xlsx", content)).status_code == 302
    assert Member.objects.get().name == "周敏"


def test_the_member_form_refuses_a_bad_mobile_number(admin_client, branch):
    response = admin_client.post(
        reverse("study_member:add"),
        {"name": "孙丽", "phone": "555", "branch": branch.pk, "status": "normal", "active": "on"},
    )
    assert response.status_code == 200
    assert "11 位中国大陆手机号码" in response.content.decode()
    assert not Member.objects.exists()


def test_editors_cannot_import_members(client, branch):
    from accounts import roles
    from tests.accounts.factories import UserFactory

    client.force_login(UserFactory(roles=[roles.EDITORS]))
    response = post(client, xlsx([["张秀英", "13812345678", "第一党支部", "", ""]]))
    assert response.status_code in (302, 403)
    assert not Member.objects.exists()
