"""Members from an Excel (.xlsx) or CSV file: every row is checked first;
either all rows are imported or none, with each wrong row named (row number
as the spreadsheet shows it, and the reason in Chinese)."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.validators import normalize_mobile, validate_mobile

from .models import Branch, Grid, Member, MemberStatus, PartyGroup

# 党小组 is optional and last, so files made from the older five-column
# template still import.
HEADERS = ["姓名", "手机号码", "支部", "网格", "状态", "党小组"]
MAX_ROWS = 5000


class ImportFileError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class ImportResult:
    members: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (row number, reason)

    @property
    def ok(self):
        return not self.errors


def read_rows(uploaded):
    """(row number, [cells]) of the data rows, after the header row."""
    name = (getattr(uploaded, "name", "") or "").lower()
    data = uploaded.read()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError(_("无法读取这个 Excel 文件，请确认是 .xlsx 格式。")) from error
        rows = [
            ["" if c is None else str(c).strip() for c in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    elif name.endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportFileError(_("无法识别 CSV 文件的编码，请另存为 UTF-8。"))
        rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    else:
        raise ImportFileError(_("请上传 .xlsx 或 .csv 文件。"))
    if not rows or list(rows[0][:2]) != HEADERS[:2]:
        raise ImportFileError(
            _("第一行应为表头：%(headers)s。请下载导入模板对照填写。")
            % {"headers": "、".join(HEADERS)}
        )
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(row)]
    if len(body) > MAX_ROWS:
        raise ImportFileError(_("一次最多导入 %(n)s 行。") % {"n": MAX_ROWS})
    return body


def check(rows, allowed=None):
    """Validate every row; nothing is written. ``allowed``: the branches the
    importing administrator may add members to (None: every branch)."""
    result = ImportResult()
    branches = {b.name: b for b in Branch.objects.all()}
    allowed_ids = None if allowed is None else set(allowed.values_list("pk", flat=True))
    statuses = {str(label): value for value, label in MemberStatus.choices}
    statuses.update({value: value for value in MemberStatus.values})
    groups = {(g.branch_id, g.name): g for g in PartyGroup.objects.all()}
    seen = {}
    taken = set(
        Member.objects.filter(
            phone__in=[normalize_mobile((row + ["", ""])[1]) for _, row in rows]
        ).values_list("phone", flat=True)
    )
    for number, row in rows:
        cells = (row + [""] * len(HEADERS))[: len(HEADERS)]
        name, phone, branch_name, grid_name, status_text, group_name = cells
        reasons = []
        if not name:
            reasons.append(_("姓名为空"))
        elif len(name) > 50:
            reasons.append(_("姓名超过 50 字"))
        phone = normalize_mobile(phone)
        try:
            validate_mobile(phone)
        except ValidationError:
            reasons.append(_("手机号码“%(p)s”不是 11 位大陆手机号") % {"p": cells[1]})
        else:
            if phone in seen:
                reasons.append(_("手机号码与第 %(n)s 行重复") % {"n": seen[phone]})
            else:
                seen[phone] = number
            if phone in taken:
                reasons.append(_("手机号码 %(p)s 已登记为党员") % {"p": phone})
        branch = branches.get(branch_name)
        if branch is None:
            reasons.append(
                _("支部“%(b)s”不存在") % {"b": branch_name} if branch_name else _("支部为空")
            )
        elif allowed_ids is not None and branch.pk not in allowed_ids:
            reasons.append(_("支部“%(b)s”不归您管理，不能导入") % {"b": branch_name})
        group = groups.get((branch.pk, group_name)) if branch and group_name else None
        if branch and group_name and group is None:
            reasons.append(
                _("党小组“%(g)s”不是支部“%(b)s”的党小组") % {"g": group_name, "b": branch_name}
            )
        if len(grid_name) > 50:
            reasons.append(_("网格名称超过 50 字"))
        status = statuses.get(status_text or MemberStatus.NORMAL)
        if status is None:
            reasons.append(_("状态“%(s)s”应为：正常、流动党员或行动不便") % {"s": status_text})
        if reasons:
            result.errors.append((number, "；".join(str(r) for r in reasons)))
        else:
            result.members.append((name, phone, branch, grid_name, status, group))
    return result


def import_members(uploaded, allowed=None):
    """Check the file and, if every row is right, create all its members
    (only into the ``allowed`` branches, a queryset; None: every branch)."""
    result = check(read_rows(uploaded), allowed)
    if not result.ok:
        return result
    with transaction.atomic():
        grids = {g.name: g for g in Grid.objects.all()}
        for name in {m[3] for m in result.members if m[3]} - set(grids):
            grids[name] = Grid.objects.create(name=name)
        created = Member.objects.bulk_create(
            [
                Member(
                    name=name,
                    phone=phone,
                    branch=branch,
                    grid=grids.get(grid),
                    status=status,
                    party_group=group,
                )
                for name, phone, branch, grid, status, group in result.members
            ]
        )
    result.members = created
    return result


def export_rows(queryset):
    for m in queryset.select_related("branch", "grid", "party_group"):
        yield [
            m.name,
            m.phone,
            m.branch.name,
            m.grid.name if m.grid else "",
            m.get_status_display(),
            m.party_group.name if m.party_group else "",
        ]
