"""点播需求: asking for a topic, voting, moderation (公开 / 不公开, as 学习心得)
and the administrator's answer (计划安排 / 不安排).

Who may ask and vote: a party member whose account is linked to their
record (``study.services.member_for_user``), and any logged-in resident when
设置 › 点播需求设置 allows it. One vote per person and request: the request
row is locked while a vote is counted, and the unique constraint
``viewing_one_vote_each`` refuses a second row whatever happens.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.log_actions import log
from core.mail import send_message
from core.site_url import absolute_url
from core.text import clean_text
from learning.study.services import member_for_user

from ..errors import ViewingError
from ..models import (
    DemandSettings,
    RequestAnswer,
    RequestStatus,
    ViewingRequest,
    Vote,
)
from ..models.demand import DESCRIPTION_LENGTH, REASON_LENGTH, TITLE_LENGTH
from .runs import require

ANSWER_REQUEST = "viewing.answer_request"
# A person may have this many requests waiting for moderation at once.
PENDING_LIMIT = 3


# --- Who may take part --------------------------------------------------------------------


def residents_allowed(site=None):
    site = site or Site.objects.filter(is_default_site=True).first()
    return site is not None and DemandSettings.for_site(site).allow_residents


def may_take_part(user, site=None):
    """A linked party member, or any logged-in user if residents are allowed."""
    if not user.is_authenticated:
        return False
    return member_for_user(user) is not None or residents_allowed(site)


def _check_part(user, site):
    if not may_take_part(user, site):
        raise ViewingError(
            _("只有已关联党员登记的党员可以提出点播需求和投票。党员请先用激活码激活账户。")
        )


# --- Asking and voting ----------------------------------------------------------------------


def ask(user, *, category, title, description="", site=None, now=None):
    """A new request, waiting for moderation; the asker's vote comes with it."""
    _check_part(user, site)
    title = clean_text(title, max_length=TITLE_LENGTH)
    description = clean_text(description, max_length=DESCRIPTION_LENGTH)
    if not title:
        raise ViewingError(_("请写下想看的内容。"))
    if category is None:
        raise ViewingError(_("请选择课程分类。"))
    now = now or timezone.now()
    with transaction.atomic():
        # One person's requests are counted one at a time.
        get_user_model().objects.select_for_update().get(pk=user.pk)
        waiting = ViewingRequest.objects.filter(asked_by=user, status=RequestStatus.PENDING)
        if waiting.count() >= PENDING_LIMIT:
            raise ViewingError(
                _("您已有 %(n)s 条点播需求等待审核，审核后再提新的需求。") % {"n": PENDING_LIMIT}
            )
        request = ViewingRequest.objects.create(
            category=category, title=title, description=description, asked_by=user, asked_at=now
        )
        Vote.objects.create(request=request, user=user, voted_at=now)
        log(request, "viewing.request.ask", user)
    return request


def _locked(request):
    """The request row, locked: votes for it are counted one at a time."""
    return ViewingRequest.objects.select_for_update().get(pk=request.pk)


def vote(request, user, site=None, now=None):
    """Count the user's vote once. Returns False if it was already counted
    (a second click, a repeated request)."""
    _check_part(user, site)
    with transaction.atomic():
        request = _locked(request)
        if not request.is_open:
            raise ViewingError(_("这条点播需求已经答复或没有公开，不能再投票。"))
        if Vote.objects.filter(request=request, user=user).exists():
            return False
        try:
            with transaction.atomic():
                Vote.objects.create(request=request, user=user, voted_at=now or timezone.now())
        except IntegrityError:  # another request of the same person got there first
            return False
        log(request, "viewing.request.vote", user)
    return True


def withdraw_vote(request, user):
    """Take one's vote back (not the asker's: the request is their vote).
    Returns False if there was no vote to take back."""
    with transaction.atomic():
        request = _locked(request)
        if request.asked_by_id == user.pk:
            raise ViewingError(_("这是您提出的需求，您的一票不能撤回。"))
        if not request.is_open:
            raise ViewingError(_("这条点播需求已经答复，不能再撤回投票。"))
        deleted, _rows = Vote.objects.filter(request=request, user=user).delete()
        if deleted:
            log(request, "viewing.request.unvote", user)
    return bool(deleted)


# --- Moderation and answers -----------------------------------------------------------------


def moderate(request, approve, actor):
    """Make a request public (公开) or hide it (不公开), like a reflection."""
    require(actor, ANSWER_REQUEST, _("您没有审核点播需求的权限。"))
    with transaction.atomic():
        request = _locked(request)
        if request.answer and not approve:
            raise ViewingError(_("这条需求已经答复，不能再设为不公开。"))
        request.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
        request.save(update_fields=["status"])
        log(request, f"viewing.request.{'approve' if approve else 'reject'}", actor)
    return request


def _answer(request, actor, now, **fields):
    require(actor, ANSWER_REQUEST, _("您没有答复点播需求的权限。"))
    with transaction.atomic():
        request = _locked(request)
        if request.status != RequestStatus.APPROVED:
            raise ViewingError(_("请先公开这条需求，再答复。"))
        if request.answer:
            raise ViewingError(_("这条需求已经答复过了。"))
        for name, value in fields.items():
            setattr(request, name, value)
        request.decided_by, request.decided_at = actor, now or timezone.now()
        request.save()
        verb = "plan" if request.answer == RequestAnswer.PLANNED else "decline"
        log(request, f"viewing.request.{verb}", actor)
        pk = request.pk
        transaction.on_commit(lambda: tell_asker(pk))
    return request


def plan(request, actor, *, session=None, course=None, now=None):
    """计划安排: the study session or the course that shows what was asked."""
    if session is None and course is None:
        raise ViewingError(_("请选择安排的学习会或课程。"))
    return _answer(
        request, actor, now, answer=RequestAnswer.PLANNED, session=session, course=course
    )


def decline(request, actor, reason, now=None):
    """不安排, with the reason the asker will read."""
    reason = clean_text(reason, max_length=REASON_LENGTH)
    if not reason:
        raise ViewingError(_("请填写不安排的原因。"))
    return _answer(request, actor, now, answer=RequestAnswer.DECLINED, decision_reason=reason)


def tell_asker(pk):
    """E-mail the asker what became of their request, if they gave an address."""
    request = ViewingRequest.objects.select_related("asked_by", "session", "course").get(pk=pk)
    asker = request.asked_by
    if asker is None or not asker.email:
        return False
    return send_message(
        asker.email,
        "viewing/demand/email/answered_subject.txt",
        "viewing/demand/email/answered.txt",
        {"request": request, "mine_url": absolute_url(reverse("viewing:demand_mine"))},
        f"viewing request {request.pk}",
        recipient=asker,
    )


# --- What people see -------------------------------------------------------------------------


def voted_ids(user, requests):
    """Which of these requests the user has voted for."""
    if not user.is_authenticated:
        return set()
    return set(
        Vote.objects.filter(user=user, request__in=[r.pk for r in requests]).values_list(
            "request_id", flat=True
        )
    )


def most_wanted(count=5):
    """The open requests with the most votes (the study plan's aside)."""
    return list(ViewingRequest.objects.open().select_related("category").ranked()[:count])
