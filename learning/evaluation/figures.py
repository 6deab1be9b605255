"""The round's figures — taking part by mode, not taking part, grades, and
"117 of 121, 96.7 %" — computed from the participation rows (one grouped
query), never typed; and the same as an Excel workbook."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from core.excel import xlsx_response
from learning.study.ledger import rate

from .models import TAKING_PART, Grade, Mode, Participation


@dataclass
class Figures:
    members: int = 0
    by_mode: dict = field(default_factory=dict)  # {mode: n}
    by_grade: dict = field(default_factory=dict)  # {grade: n}
    away: int = 0  # 流动党员 taking part (within the modes)
    excellent: list = field(default_factory=list)  # [(member name, branch name)]

    @property
    def taking_part(self):
        return sum(self.by_mode.get(m, 0) for m in TAKING_PART)

    @property
    def not_taking_part(self):
        return self.by_mode.get(Mode.NONE, 0)

    @property
    def rate(self):
        return rate(self.taking_part, self.members)

    @property
    def ungraded(self):
        return self.taking_part - sum(self.by_grade.values())

    def mode_rows(self):
        """会议 / 送评议表上门 / 电话, then 流动党员 (among them), then 未参加."""
        rows = [(str(label), self.by_mode.get(value, 0)) for value, label in Mode.choices]
        return [*rows[:-1], (_("其中流动党员"), self.away), rows[-1]]

    def grade_rows(self):
        return [(str(label), self.by_grade.get(value, 0)) for value, label in Grade.choices]

    def sentence(self):
        return _("参加这次民主评议党员%(n)s人，占总数%(rate)s%%（共%(total)s人）") % {
            "n": self.taking_part,
            "rate": self.rate if self.rate is not None else "—",
            "total": self.members,
        }


def figures(round_, branch_ids=None):
    """The figures over the round, or over some branches (ids; None: all)."""
    rows = Participation.objects.filter(round=round_)
    if branch_ids is not None:
        rows = rows.filter(member__branch__in=branch_ids)
    result = Figures()
    for row in rows.values("mode", "grade", "away").annotate(n=Count("pk")).order_by():
        result.members += row["n"]
        if row["away"] and row["mode"] in TAKING_PART:
            result.away += row["n"]
        result.by_mode[row["mode"]] = result.by_mode.get(row["mode"], 0) + row["n"]
        if row["grade"]:
            result.by_grade[row["grade"]] = result.by_grade.get(row["grade"], 0) + row["n"]
    # Names only (no model instances): a community of 10,000 has ~1,500.
    result.excellent = list(
        rows.filter(grade=Grade.EXCELLENT)
        .order_by("member__branch__sort_order", "member__branch__name", "member__name")
        .values_list("member__name", "member__branch__name")
    )
    return result


def excel_response(round_, found):
    """One sheet: the figures, then the list of members rated 优秀."""
    rows = [[_("项目"), _("人数")]]
    rows += [[_("党员总数"), found.members], [_("参加评议"), found.taking_part]]
    rows += [[label, n] for label, n in found.mode_rows()[:-1]]
    rows += [[_("未参加评议"), found.not_taking_part]]
    rows += [[_("参加率（%）"), str(found.rate) if found.rate is not None else "—"]]
    rows += [[label, n] for label, n in found.grade_rows()]
    rows += [[found.sentence(), ""], ["", ""], [_("评为优秀的党员"), _("支部")]]
    rows += [[name, branch] for name, branch in found.excellent]
    title = _("%(year)s年民主评议党员") % {"year": round_.year}
    return xlsx_response(f"{title}.xlsx", title, rows[0], rows[1:])
