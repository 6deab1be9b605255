"""Recording a meeting of the 三会一课 register and its attendance.

``save_meeting`` is the one way a meeting is written: the acting user's
branches are checked, the branch is locked, the rules re-checked inside the
lock, the meeting and its attendance written in one transaction, and the
change logged. A meeting standing for a study session (党课 / 主题党日)
takes its date from the session and its attendance from the session's roll
call: nothing is entered twice.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from core.log_actions import log
from learning.study import scope
from learning.study.models import (
    ATTENDED,
    NO_MODE,
    AttendanceMode,
    AttendanceStatus,
    Branch,
    Member,
)

from .errors import MeetingError
from .models import SESSION_KINDS, Meeting, MeetingAttendance, MeetingKind


def check_branch(actor, branch_id):
    """An administrator records only their own branches' meetings (``actor``
    None is the system itself: the demo)."""
    if actor is None:
        return
    allowed = scope.branch_ids_for(actor)
    if allowed is not None and branch_id not in allowed:
        raise MeetingError(_("这个支部不归您负责，不能登记它的会议。"))


def expected_members(meeting):
    """Who is on a meeting's attendance list: the active members of its
    party group for a 党小组会, of its branch otherwise."""
    members = Member.objects.filter(active=True, branch_id=meeting.branch_id)
    if meeting.kind == MeetingKind.GROUP:
        members = members.filter(party_group_id=meeting.party_group_id)
    return members.order_by("name", "pk")


def _check_rules(meeting):
    if meeting.kind == MeetingKind.GROUP:
        if meeting.party_group_id is None:
            raise MeetingError(_("党小组会必须选择党小组。"))
        if meeting.party_group.branch_id != meeting.branch_id:
            raise MeetingError(_("所选党小组不属于这个支部。"))
    else:
        meeting.party_group = None
    session = meeting.session
    if session is None:
        return
    if meeting.kind not in SESSION_KINDS:
        raise MeetingError(_("只有党课或主题党日可以对应学习会。"))
    if meeting.branch_id not in session.branch_ids():
        raise MeetingError(_("所选学习会没有邀请这个支部。"))
    taken = Meeting.objects.filter(session=session).exclude(pk=meeting.pk).first()
    if taken is not None:
        raise MeetingError(
            _("这次学习会已登记为 %(day)s 的%(kind)s，不能重复登记。")
            % {"day": f"{taken.day:%Y-%m-%d}", "kind": taken.get_kind_display()}
        )
    meeting.day = session.local_day


def _clean_lines(lines, members):
    """``lines``: member id → (status, mode, note). Known codes and members
    only; a mode for everyone who attended, none for the others."""
    statuses, modes = set(AttendanceStatus.values), set(AttendanceMode.values)
    unknown = set(lines) - set(members)
    if unknown:
        raise MeetingError(
            _("名单中有 %(n)s 人不是本次会议应到的党员，未保存。") % {"n": len(unknown)}
        )
    cleaned, no_mode = {}, []
    for member_id, (status, mode, note) in lines.items():
        if status not in statuses or (mode and mode not in modes):
            raise MeetingError(_("出勤情况或参加方式填写有误，请重新选择。"))
        if status in ATTENDED and not mode:
            no_mode.append(members[member_id].name)
        cleaned[member_id] = (status, mode if status in ATTENDED else NO_MODE, (note or "")[:200])
    if no_mode:
        raise MeetingError(
            _("请为出席或迟到的人选择参加方式（现场、线上、送学上门或电话）：%(names)s。")
            % {"names": "、".join(no_mode)}
        )
    return cleaned


ATTACHMENTS_COLLECTION = "组织生活附件"


def attachments_collection():
    """The collection of the minutes' attachments, created on first use and
    viewable only by the groups holding ``meetings.view_register`` (by
    permission, never by a group's name): they are not public documents."""
    collection = Collection.objects.filter(name=ATTACHMENTS_COLLECTION).first()
    if collection is not None:
        return collection
    collection = Collection.get_first_root_node().add_child(name=ATTACHMENTS_COLLECTION)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(
        Group.objects.filter(
            permissions__codename="view_register", permissions__content_type__app_label="meetings"
        )
    )
    return collection


def _documents(uploads, actor):
    """Wagtail documents for uploaded files (extension and size checked by
    the form), in the attachments' collection."""
    Document = get_document_model()
    collection = attachments_collection()
    documents = []
    for upload in uploads:
        document = Document(
            title=upload.name[:255], file=upload, collection=collection, uploaded_by_user=actor
        )
        document._set_document_file_metadata()
        document.save()
        documents.append(document)
    return documents


def save_meeting(meeting, lines, actor, uploads=()):
    """Create or change ``meeting`` (fields already validated by its form)
    with the attendance ``lines`` (member id → (status, mode, note)) of its
    expected members; members left out keep their rows. ``uploads``: files
    to attach (as Wagtail documents). Returns the meeting."""
    check_branch(actor, meeting.branch_id)
    creating = meeting.pk is None
    with transaction.atomic():
        Branch.objects.select_for_update().filter(pk=meeting.branch_id).values_list("pk").first()
        if not creating:
            before = Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
            if before is None:
                raise MeetingError(_("这次会议已被删除。"))
            check_branch(actor, before.branch_id)
        _check_rules(meeting)
        if meeting.session_id is not None:
            lines = {}
        members = {m.pk: m for m in expected_members(meeting).only("pk", "name")}
        lines = _clean_lines(lines, members)
        if creating:
            meeting.recorded_by = actor
        meeting.save()
        if uploads:
            meeting.attachments.add(*_documents(uploads, actor))
        existing = {row.member_id: row for row in meeting.attendances.all()}
        to_create, to_update = [], []
        for member_id, (status, mode, note) in lines.items():
            row = existing.get(member_id)
            if row is None:
                to_create.append(
                    MeetingAttendance(
                        meeting=meeting, member_id=member_id, status=status, mode=mode, note=note
                    )
                )
            elif (row.status, row.mode, row.note) != (status, mode, note):
                row.status, row.mode, row.note = status, mode, note
                to_update.append(row)
        MeetingAttendance.objects.bulk_create(to_create, batch_size=500)
        MeetingAttendance.objects.bulk_update(to_update, ["status", "mode", "note"], batch_size=500)
        action = "meetings.meeting.record" if creating else "meetings.meeting.change"
        log(meeting, action, actor, lines=len(to_create) + len(to_update))
    return meeting


def delete_meeting(meeting, actor):
    check_branch(actor, meeting.branch_id)
    with transaction.atomic():
        log(meeting, "meetings.meeting.delete", actor)
        meeting.delete()
