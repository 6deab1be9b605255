"""What the meetings services record in Wagtail's log (see core.log_actions)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "meetings.meeting.record": (_("登记组织生活会议"), _("登记了组织生活会议及出勤")),
    "meetings.meeting.change": (_("修改组织生活会议"), _("修改了组织生活会议及出勤")),
    "meetings.meeting.delete": (_("删除组织生活会议"), _("删除了组织生活会议")),
    "meetings.reminder.send": (_("三会一课提醒"), _("发送了三会一课到期提醒")),
}
