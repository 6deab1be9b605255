"""The course library's part of 我的数据: the member's viewing progress."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.personal_data import PersonalData

from .models import CourseProgress


def _progress(user):
    return CourseProgress.objects.filter(user=user).select_related("course")


def export(user):
    return [
        {
            "course": p.course.title,
            "percent_watched": p.percent(),
            "watched_seconds": round(p.watched_seconds),
            "last_position_seconds": round(p.last_position),
            "started_at": p.started_at,
            "last_studied_at": p.updated_at,
            "completed_at": p.completed_at,
        }
        for p in _progress(user).order_by("started_at", "pk")
    ]


def summary(user):
    progress = _progress(user)
    total = progress.count()
    if not total:
        return []
    done = progress.exclude(completed_at=None).count()
    return [_("看过的课程 %(n)s 门，其中已完成 %(m)s 门") % {"n": total, "m": done}]


def erase(user, actor, now):
    _progress(user).delete()


def provider():
    return PersonalData(
        key="course_progress",
        label=gettext_lazy("课程学习进度"),
        export=export,
        erase=erase,
        summary=summary,
        erased=gettext_lazy("看过哪些课程、看到哪里、是否看完的记录全部删除。"),
        kept=gettext_lazy(
            "学习会已经据此记为“线上出席”的，出勤记录保留在支部的点名册上（见“学习会”）。"
        ),
        order=30,
    )
