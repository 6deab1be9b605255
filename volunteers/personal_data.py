"""The volunteers app's part of 我的数据: the volunteer registration, shifts,
service records, training, commendations, certificates and wishes.

Erasing keeps approved hours on the volunteer's row, emptied and named
已注销志愿者, so team, month and site totals do not change; everything else
about the person goes. Future sign-ups are given up through the service
(the waiting list moves up and is told after commit).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.personal_data import PersonalData, erased_name
from events.capacity import ACTIVE

from . import services
from .models import (
    CorrectionRequest,
    RecordStatus,
    Team,
    Volunteer,
    VolunteerStatus,
    Wish,
    WishStatus,
)
from .reports import hours_label


def _volunteer(user):
    return services.volunteer_for(user)


def _export_volunteer(volunteer):
    return {
        "real_name": volunteer.real_name,
        "phone": volunteer.phone,
        "email": volunteer.user.email if volunteer.user else "",
        "status": volunteer.get_status_display(),
        "areas": [a.name for a in volunteer.areas.all()],
        "skills": [s.name for s in volunteer.skills.all()],
        "availability": [str(label) for label in volunteer.availability_labels()],
        "preferred_team": str(volunteer.preferred_team or ""),
        "team": str(volunteer.team or ""),
        "is_party_member": volunteer.is_party_member,
        "work_unit": volunteer.work_unit,
        "show_on_leaderboard": volunteer.show_on_leaderboard,
        "consent_version": volunteer.consent_version,
        "consented_at": volunteer.consented_at,
        "registered_at": volunteer.created_at,
        "decision_reason": volunteer.decision_reason,
    }


def _export_records(volunteer):
    return [
        {
            "activity_name": r.activity_name,
            "date": r.date,
            "place": r.place,
            "content": r.content,
            "hours": r.hours,
            "organiser": r.organiser,
            "person_in_charge": r.person_in_charge,
            "status": r.get_status_display(),
            "decision_reason": r.decision_reason,
            "recorded_at": r.recorded_at,
            "corrections_asked": [
                {
                    "message": c.message,
                    "proposed_hours": c.proposed_hours,
                    "proposed_date": c.proposed_date,
                    "status": c.get_status_display(),
                    "decision_reason": c.decision_reason,
                }
                for c in r.corrections.order_by("requested_at", "pk")
            ],
        }
        for r in volunteer.records.prefetch_related("corrections").order_by("date", "pk")
    ]


def _export_wishes_posted(user):
    return [
        {
            "title": w.title,
            "description": w.description,
            "beneficiary": w.beneficiary,
            "place": w.place,
            "contact_name": w.contact_name,
            "contact_phone": w.contact_phone,
            "status": w.get_status_display(),
            "posted_at": w.posted_at,
        }
        for w in Wish.objects.filter(posted_by=user).order_by("posted_at", "pk")
    ]


def export(user):
    volunteer = _volunteer(user)
    wishes = _export_wishes_posted(user)
    if volunteer is None and not wishes:
        return None
    data = {"volunteer": None, "wishes_posted": wishes}
    if volunteer is None:
        return data
    data["volunteer"] = _export_volunteer(volunteer)
    data["shift_signups"] = [
        {
            "activity": s.shift.activity.title,
            "shift": s.shift.title,
            "when": s.shift.when,
            "status": s.get_status_display(),
            "checked_in_at": s.checked_in_at,
            "checked_out_at": s.checked_out_at,
        }
        for s in volunteer.signups.select_related("shift__activity").order_by("id")
    ]
    data["service_records"] = _export_records(volunteer)
    data["trainings"] = [
        {
            "name": t.name,
            "content": t.content,
            "hours": t.hours,
            "organiser": t.organiser,
            "date": t.date,
        }
        for t in volunteer.trainings.all()
    ]
    data["commendations"] = [
        {"title": c.title, "awarded_by": c.awarded_by, "date": c.date}
        for c in volunteer.commendations.all()
    ]
    data["certificates"] = [
        {
            "code": c.display_code,
            "date_from": c.date_from,
            "date_to": c.date_to,
            "total_hours": c.total_hours,
            "issued_at": c.issued_at,
        }
        for c in volunteer.certificates.all()
    ]
    data["wishes_claimed"] = [
        {"title": w.title, "status": w.get_status_display()} for w in volunteer.wishes.all()
    ]
    return data


def summary(user):
    lines = []
    volunteer = _volunteer(user)
    if volunteer is not None:
        lines.append(
            _("志愿者登记：%(status)s，已认定服务时长 %(hours)s 小时")
            % {
                "status": volunteer.get_status_display(),
                "hours": hours_label(volunteer.approved_hours()),
            }
        )
        lines.append(
            _("班次报名 %(s)s 条，服务记录 %(r)s 条，培训 %(t)s 条，表彰 %(c)s 条，证明 %(p)s 份")
            % {
                "s": volunteer.signups.count(),
                "r": volunteer.records.count(),
                "t": volunteer.trainings.count(),
                "c": volunteer.commendations.count(),
                "p": volunteer.certificates.count(),
            }
        )
    posted = Wish.objects.filter(posted_by=user).count()
    if posted:
        lines.append(_("发布的微心愿 %(n)s 个") % {"n": posted})
    return lines


def _erase_wishes_posted(user):
    """A wish nobody has fulfilled yet is withdrawn; a fulfilled one is part
    of a volunteer's service and stays, without the poster and their contact."""
    mine = Wish.objects.filter(posted_by=user)
    mine.exclude(status=WishStatus.FULFILLED).delete()
    mine.filter(contact_phone=user.phone).update(contact_name=erased_name(), contact_phone="")
    mine.update(posted_by=None)


def erase(user, actor, now):
    _erase_wishes_posted(user)
    volunteer = Volunteer.objects.select_for_update().filter(user=user).first()
    if volunteer is None:
        return
    reason = _("志愿者注销账户")
    for signup in volunteer.signups.filter(status__in=ACTIVE, shift__start__gt=now):
        services.release_sign_up(signup, actor, reason)
    volunteer.signups.update(user=None, name=erased_name(), phone="", email="")
    CorrectionRequest.objects.filter(record__volunteer=volunteer).delete()
    volunteer.records.exclude(status=RecordStatus.APPROVED).delete()
    volunteer.records.update(volunteer_user=None)
    volunteer.trainings.all().delete()
    volunteer.commendations.all().delete()
    volunteer.certificates.all().delete()
    Wish.objects.filter(claimed_by=volunteer, status=WishStatus.CLAIMED).update(
        status=WishStatus.OPEN, claimed_by=None, claimed_at=None
    )
    Team.objects.filter(leader=volunteer).update(leader=None)
    volunteer.areas.clear()
    volunteer.skills.clear()
    volunteer.real_name = _("已注销志愿者")
    volunteer.phone = ""
    volunteer.availability = ""
    volunteer.is_party_member = False
    volunteer.work_unit = ""
    volunteer.show_on_leaderboard = False
    volunteer.preferred_team = None
    volunteer.decision_reason = ""
    volunteer.status = VolunteerStatus.DELETED
    volunteer.deleted_at = now
    volunteer.user = None
    volunteer.save()


def provider():
    return PersonalData(
        key="volunteer_service",
        label=gettext_lazy("志愿服务"),
        export=export,
        erase=erase,
        summary=summary,
        erased=gettext_lazy(
            "志愿者登记的姓名、手机号码、技能、服务领域、工作单位删除；还没开始的班次报名取消"
            "（候补的志愿者依次递补并收到通知）；待审核和未通过的服务记录、更正申请、培训、表彰、"
            "已开具的证明删除；认领还没完成的微心愿退回待认领；自己发布、还没实现的微心愿撤回；"
            "光荣榜上不再显示。"
        ),
        kept=gettext_lazy(
            "已认定的服务时长保留在一条不具名的记录上（显示为“已注销志愿者”），"
            "服务队、月份和全社区的时长合计因此不变；已实现的微心愿保留心愿内容，"
            "但删除发布人和您留下的联系方式。"
        ),
        order=50,
    )
