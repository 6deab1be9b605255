"""What study services record in Wagtail's log (see core.log_actions)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "study.roll.save": (_("保存点名册"), _("保存了点名册")),
    "study.online.credit": (_("线上学习计入出勤"), _("线上学完课程的党员计为出席")),
    "study.attendance.check_in": (_("学习会扫码签到"), _("扫码签到")),
    "study.leave.request": (_("请假申请"), _("提交了请假申请")),
    "study.leave.accept": (_("批准请假"), _("批准了请假")),
    "study.leave.refuse": (_("不批准请假"), _("不批准请假")),
    "study.reflection.submit": (_("提交学习心得"), _("提交了学习心得")),
    "study.reflection.approve": (_("学习心得审核通过"), _("学习心得审核通过")),
    "study.reflection.reject": (_("学习心得不予展示"), _("学习心得不予展示")),
}
