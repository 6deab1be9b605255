"""点播需求: topics members (and, where the community allows it, residents)
ask the viewing point to show, and the votes for them.

A request is moderated like a reflection (待审核 → 已公开 / 不公开) before
anyone else sees it, then answered by an administrator: 计划安排 (with the
study session or course that fulfils it) or 不安排 with a reason (the
decision vocabulary of docs/architecture.md, rule 7). One vote per person and
request is a unique constraint; the asker's own request is their vote.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

TITLE_LENGTH = 40
DESCRIPTION_LENGTH = 300
REASON_LENGTH = 200


@register_setting(icon="desktop")
class DemandSettings(BaseSiteSetting):
    """设置 › 点播需求: whether residents who are not party members may ask too."""

    allow_residents = models.BooleanField(
        _("允许居民提出点播需求"),
        default=False,
        help_text=_("不勾选时，只有已关联党员登记的党员可以提出点播需求和投票。"),
    )

    class Meta:
        verbose_name = _("点播需求设置")
        verbose_name_plural = _("点播需求设置")

    def __str__(self):
        return str(self._meta.verbose_name)


class RequestStatus(models.TextChoices):
    """The moderation of a request: the words of 学习心得审核."""

    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已公开")
    REJECTED = "rejected", _("不公开")


class RequestAnswer(models.TextChoices):
    NONE = "", _("待答复")
    PLANNED = "planned", _("计划安排")
    DECLINED = "declined", _("不安排")


class RequestQuerySet(models.QuerySet):
    def with_votes(self):
        return self.annotate(vote_count=Count("votes", distinct=True))

    def ranked(self):
        """Most votes first, then the oldest request (it waited longest)."""
        return self.with_votes().order_by("-vote_count", "asked_at", "pk")

    def public(self, category=None):
        """What members see: approved requests, ranked, of one category if given."""
        found = self.filter(status=RequestStatus.APPROVED)
        if category is not None:
            found = found.filter(category=category)
        return found.select_related("category", "session", "course").ranked()

    def open(self):
        """Approved and not yet answered: the demand still to plan for."""
        return self.filter(status=RequestStatus.APPROVED, answer=RequestAnswer.NONE)


class ViewingRequest(models.Model):
    category = models.ForeignKey(
        "courses.CourseCategory",
        verbose_name=_("课程分类"),
        on_delete=models.PROTECT,
        related_name="viewing_requests",
    )
    title = models.CharField(_("想看的内容"), max_length=TITLE_LENGTH)
    description = models.CharField(_("说明"), max_length=DESCRIPTION_LENGTH, blank=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提出人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="viewing_requests",
    )
    asked_at = models.DateTimeField(_("提出时间"), default=timezone.now)
    status = models.CharField(
        _("审核状态"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    answer = models.CharField(
        _("答复"), max_length=10, choices=RequestAnswer.choices, default="", blank=True
    )
    session = models.ForeignKey(
        "study.StudySession",
        verbose_name=_("安排的学习会"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("安排的课程"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    decision_reason = models.CharField(_("不安排的原因"), max_length=REASON_LENGTH, blank=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("点播需求")
        verbose_name_plural = _("点播需求")
        ordering = ["-asked_at", "-pk"]
        permissions = [("answer_request", _("审核和答复点播需求"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(answer="declined") | ~Q(decision_reason=""),
                name="viewing_declined_request_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(answer="") | Q(status="approved"),
                name="viewing_answered_request_is_public",
            ),
        ]
        indexes = [models.Index(fields=["status", "answer"], name="viewing_request_state")]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status == RequestStatus.APPROVED and not self.answer


class Vote(models.Model):
    """One person's vote for a request (the asker's is made with the request)."""

    request = models.ForeignKey(
        ViewingRequest, verbose_name=_("点播需求"), on_delete=models.CASCADE, related_name="votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("投票人"),
        on_delete=models.CASCADE,
        related_name="viewing_votes",
    )
    voted_at = models.DateTimeField(_("投票时间"), default=timezone.now)

    class Meta:
        verbose_name = _("点播需求投票")
        verbose_name_plural = _("点播需求投票")
        constraints = [
            models.UniqueConstraint(fields=["request", "user"], name="viewing_one_vote_each"),
        ]

    def __str__(self):
        return f"{self.request} · {self.user_id}"
