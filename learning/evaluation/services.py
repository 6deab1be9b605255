"""The round's business rules: opening a year, moving its stages forward
(only forward, logged with who and when), recording each member's mode of
taking part and self-review, and 组织评定 with the cap on 优秀.
The secret ballot is in ``ballot``."""

import math

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.log_actions import log
from learning.study import scope
from learning.study.models import Member, MemberStatus

from .errors import EvaluationError
from .models import (
    STAGES,
    TAKING_PART,
    Grade,
    Mode,
    Participation,
    Round,
    Source,
    Stage,
    StageChange,
    Tally,
    stage_index,
)

MANAGE = "evaluation.run_evaluation"
GRADE = "evaluation.grade_members"


def _require(actor, permission):
    if actor is not None and not actor.has_perm(permission):
        raise EvaluationError(_("您没有这项民主评议权限。"))


def _require_community(actor):
    """A round is the whole community's: only who administers every branch
    opens it or moves its stage (a branch administrator records and grades
    within their branches)."""
    _require(actor, MANAGE)
    if actor is not None and not scope.sees_all_branches(actor):
        raise EvaluationError(_("只有社区远教管理员可以建立民主评议或推进阶段。"))


def _check_branch(actor, member):
    ids = scope.branch_ids_for(actor) if actor is not None else None
    if ids is not None and member.branch_id not in ids:
        raise EvaluationError(_("党员“%(name)s”不在您负责的支部。") % {"name": member.name})


def open_round(year, actor, excellent_cap=20, now=None):
    """A round for ``year`` with every active member taking part at the
    meeting until recorded otherwise."""
    _require_community(actor)
    now = now or timezone.now()
    with transaction.atomic():
        if Round.objects.select_for_update().filter(year=year).exists():
            raise EvaluationError(_("这一年的民主评议已经建立。"))
        round_ = Round.objects.create(year=year, excellent_cap=excellent_cap, created_at=now)
        StageChange.objects.create(
            round=round_, stage=Stage.STUDY, changed_at=now, changed_by=actor
        )
        Participation.objects.bulk_create(
            Participation(
                round=round_, member=m, away=m.status == MemberStatus.AWAY, updated_at=now
            )
            for m in Member.objects.filter(active=True)
        )
        log(round_, "evaluation.round.open", actor, members=round_.participants.count())
    return round_


def advance(round_, to_stage, actor, now=None):
    """Move the round to the next stage (one step, forward only)."""
    _require_community(actor)
    now = now or timezone.now()
    with transaction.atomic():
        round_ = Round.objects.select_for_update().get(pk=round_.pk)
        current = stage_index(round_.stage)
        if to_stage not in STAGES or stage_index(to_stage) != current + 1:
            raise EvaluationError(
                _("民主评议只能按顺序进入下一阶段，当前阶段是“%(stage)s”。")
                % {"stage": round_.get_stage_display()}
            )
        round_.stage = to_stage
        round_.save(update_fields=["stage"])
        StageChange.objects.create(round=round_, stage=to_stage, changed_at=now, changed_by=actor)
        if to_stage == Stage.BALLOT:
            # One tally row per candidate, so that every vote rewrites them all.
            Tally.objects.bulk_create(
                [Tally(round=round_, member_id=p.member_id) for p in round_.participants.all()],
                ignore_conflicts=True,
            )
        log(round_, "evaluation.stage.advance", actor, stage=stage_index(to_stage))
    return round_


def record_participation(participation, mode, reason, actor, away=None, now=None):
    """How a member takes part (会议 / 送评议表上门 / 电话, marked 流动党员
    or not), or that they do not, with the reason. Before 组织评定 only."""
    _require(actor, MANAGE)
    reason = (reason or "").strip()
    if mode not in Mode.values:
        raise EvaluationError(_("请选择参加方式。"))
    if mode == Mode.NONE and not reason:
        raise EvaluationError(_("未参加评议的党员请填写原因。"))
    if mode != Mode.NONE:
        reason = ""
    now = now or timezone.now()
    with transaction.atomic():
        participation = Participation.objects.select_for_update().get(pk=participation.pk)
        _check_branch(actor, participation.member)
        if participation.round.reached(Stage.ASSESSMENT):
            raise EvaluationError(_("组织评定已经开始，不能再修改参加方式。"))
        participation.mode, participation.absence_reason = mode, reason
        if away is not None:
            participation.away = away
        participation.updated_by, participation.updated_at = actor, now
        participation.save()
        log(participation, "evaluation.participation.record", actor)
    return participation


def write_self_review(participation, text, actor, *, by_member, now=None):
    """The member's 自评: typed online by the member themself during 自查自评,
    or entered from the paper form by an administrator (up to 组织评定)."""
    text = (text or "").strip()
    if not text:
        raise EvaluationError(_("请填写自评内容。"))
    now = now or timezone.now()
    with transaction.atomic():
        participation = (
            Participation.objects.select_for_update()
            .select_related("round", "member")
            .get(pk=participation.pk)
        )
        round_ = participation.round
        if by_member:
            if participation.member.user_id is None or participation.member.user_id != actor.pk:
                raise EvaluationError(_("只能填写自己的自评。"))
            if round_.stage != Stage.SELF_REVIEW:
                raise EvaluationError(_("现在不是自查自评阶段，不能在线填写自评。"))
        else:
            _require(actor, MANAGE)
            _check_branch(actor, participation.member)
            if round_.reached(Stage.ASSESSMENT) or not round_.reached(Stage.SELF_REVIEW):
                raise EvaluationError(_("只能在自查自评和民主测评阶段录入自评。"))
        participation.self_review = text
        participation.self_review_source = Source.ONLINE if by_member else Source.PAPER
        participation.updated_by, participation.updated_at = actor, now
        participation.save()
        log(participation, "evaluation.participation.record", actor)
    return participation


def _check_gradable(round_, participation=None):
    if round_.stage != Stage.ASSESSMENT:
        raise EvaluationError(_("只能在组织评定阶段评定等次。"))
    if participation is not None and participation.mode not in TAKING_PART:
        raise EvaluationError(_("未参加评议的党员不评定等次。"))


def _check_cap(round_, excellent):
    """``excellent`` 优秀 in the whole round once the change is made: no
    more than the round's cap of those taking part. Under the round's lock."""
    taking_part = round_.participants.filter(mode__in=TAKING_PART).count()
    allowed = math.floor(taking_part * round_.excellent_cap / 100)
    if excellent > allowed:
        raise EvaluationError(
            _("评为优秀的党员不能超过参加评议人数的 %(cap)s%%（最多 %(n)s 人）。")
            % {"cap": round_.excellent_cap, "n": allowed}
        )


def set_grade(participation, grade, actor, now=None):
    """组织评定: the branch committee's grade for one member, at that stage
    only; 优秀 no more than the round's cap of those taking part."""
    _require(actor, GRADE)
    if grade not in Grade.values:
        raise EvaluationError(_("请选择评定等次。"))
    now = now or timezone.now()
    with transaction.atomic():
        round_ = Round.objects.select_for_update().get(pk=participation.round_id)
        participation = Participation.objects.select_for_update().get(pk=participation.pk)
        _check_branch(actor, participation.member)
        _check_gradable(round_, participation)
        if grade == Grade.EXCELLENT and participation.grade != Grade.EXCELLENT:
            _check_cap(round_, round_.participants.filter(grade=Grade.EXCELLENT).count() + 1)
        participation.grade, participation.graded_by, participation.graded_at = grade, actor, now
        participation.save()
        log(participation, "evaluation.grade.set", actor)
    return participation


def set_grades(round_, grades, actor, now=None):
    """组织评定 for one branch at once: ``grades`` maps participations of
    one branch to a grade ('' leaves that member's grade as it is). The
    checks of ``set_grade`` for each, the cap on the round as it will be,
    under the same lock; all saved or, on any refusal, nothing. Returns
    the participations whose grade changed."""
    _require(actor, GRADE)
    wanted = {p.pk: g for p, g in grades.items() if g}
    if any(g not in Grade.values for g in wanted.values()):
        raise EvaluationError(_("请选择评定等次。"))
    now = now or timezone.now()
    with transaction.atomic():
        round_ = Round.objects.select_for_update().get(pk=round_.pk)
        _check_gradable(round_)
        rows = list(
            Participation.objects.select_for_update()
            .select_related("member")
            .filter(round=round_, pk__in=wanted)
        )
        if len(rows) != len(wanted):
            raise EvaluationError(_("名单中有不在本年度民主评议中的党员。"))
        if len({p.member.branch_id for p in rows}) > 1:
            raise EvaluationError(_("一次只能评定一个支部的党员。"))
        changed = []
        for p in rows:
            _check_branch(actor, p.member)
            _check_gradable(round_, p)
            if p.grade != wanted[p.pk]:
                p.grade, p.graded_by, p.graded_at = wanted[p.pk], actor, now
                changed.append(p)
        if any(p.grade == Grade.EXCELLENT for p in changed):
            others = round_.participants.filter(grade=Grade.EXCELLENT).exclude(pk__in=wanted)
            mine = sum(p.grade == Grade.EXCELLENT for p in rows)
            _check_cap(round_, others.count() + mine)
        Participation.objects.bulk_update(changed, ["grade", "graded_by", "graded_at"])
        for p in changed:
            log(p, "evaluation.grade.set", actor)
    return changed
