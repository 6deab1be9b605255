"""点播需求 in 我的数据: the requests a person asked and the votes they gave.

Erasing the account deletes their votes and every request of theirs that
nobody else voted for; a public request others voted for stays as a topic
(its title, which they voted for), without its asker and its description.
"""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.personal_data import PersonalData

from .models import ViewingRequest, Vote


def export(user):
    requests = ViewingRequest.objects.filter(asked_by=user).select_related("category")
    votes = Vote.objects.filter(user=user).select_related("request")
    if not requests and not votes:
        return None
    return {
        "requests": [
            {
                "title": r.title,
                "description": r.description,
                "category": r.category.name,
                "asked_at": r.asked_at,
                "status": r.get_status_display(),
                "answer": r.get_answer_display() if r.answer else "",
                "decision_reason": r.decision_reason,
            }
            for r in requests
        ],
        "votes": [{"request": v.request.title, "voted_at": v.voted_at} for v in votes],
    }


def erase(user, actor, now):
    Vote.objects.filter(user=user).delete()
    # With the user's own votes gone, the votes left are other people's.
    mine = ViewingRequest.objects.filter(asked_by=user).annotate(others=Count("votes"))
    kept = list(mine.filter(others__gt=0, status="approved").values_list("pk", flat=True))
    ViewingRequest.objects.filter(asked_by=user).exclude(pk__in=kept).delete()
    ViewingRequest.objects.filter(pk__in=kept).update(asked_by=None, description="")


def summary(user):
    asked = ViewingRequest.objects.filter(asked_by=user).count()
    voted = Vote.objects.filter(user=user).count()
    return (
        [_("点播需求 %(a)s 条，投票 %(v)s 次") % {"a": asked, "v": voted}] if asked or voted else []
    )


def provider():
    return PersonalData(
        key="viewing_requests",
        label=gettext_lazy("点播需求"),
        export=export,
        erase=erase,
        summary=summary,
        erased=gettext_lazy("您的投票、没有别人投票的点播需求删除。"),
        kept=gettext_lazy(
            "别人也投了票的已公开需求保留标题（大家投票的话题），不再关联您，说明删除。"
        ),
        order=45,
    )
