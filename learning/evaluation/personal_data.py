"""The evaluation's part of 我的数据. A member's participation and grade are
the branch's record of the year's 民主评议 and stay; the self-reviews the
member typed online through the account are theirs and are erased. Votes
are not personal data here: none is stored with a voter (only THAT the
member voted). Runs before study's part (order 39 < 40), which unlinks the
member from the account."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.personal_data import PersonalData

from .models import Participation, Source, Voted


def _rows(user):
    return Participation.objects.filter(member__user=user).select_related("round")


def export(user):
    rows = list(_rows(user).order_by("round__year"))
    if not rows:
        return None
    voted = set(Voted.objects.filter(member__user=user).values_list("round_id", flat=True))
    return [
        {
            "year": p.round.year,
            "mode": p.get_mode_display(),
            "away": p.away,
            "absence_reason": p.absence_reason,
            "self_review": p.self_review,
            "self_review_source": p.get_self_review_source_display(),
            "voted": p.round_id in voted,
            "grade": p.get_grade_display(),
        }
        for p in rows
    ]


def summary(user):
    n = _rows(user).count()
    return [_("民主评议记录 %(n)s 条") % {"n": n}] if n else []


def erase(user, actor, now):
    _rows(user).filter(self_review_source=Source.ONLINE).update(
        self_review=_("（本人已注销账户，自评已删除）")
    )


def provider():
    return PersonalData(
        key="evaluation",
        label=gettext_lazy("民主评议"),
        export=export,
        erase=erase,
        summary=summary,
        erased=gettext_lazy("本人在线填写的自评删除。"),
        kept=gettext_lazy(
            "参加方式和评定等次是支部的民主评议记录，照常保留。测评投票不与姓名一起保存，"
            "只记录是否已经投票。"
        ),
        order=39,
    )
