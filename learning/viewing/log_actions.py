"""What the viewing point's services record in Wagtail's log (see core.log_actions)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "viewing.run.record": (_("登记设备运行"), _("登记了一次设备运行")),
    "viewing.run.change": (_("修改设备运行记录"), _("修改了设备运行记录")),
    "viewing.run.delete": (_("删除设备运行记录"), _("删除了设备运行记录")),
    "viewing.request.ask": (_("提出点播需求"), _("提出了点播需求")),
    "viewing.request.vote": (_("点播需求投票"), _("为点播需求投了一票")),
    "viewing.request.unvote": (_("撤回点播需求投票"), _("撤回了点播需求投票")),
    "viewing.request.approve": (_("点播需求公开"), _("点播需求审核公开")),
    "viewing.request.reject": (_("点播需求不公开"), _("点播需求设为不公开")),
    "viewing.request.plan": (_("点播需求计划安排"), _("答复点播需求：计划安排")),
    "viewing.request.decline": (_("点播需求不安排"), _("答复点播需求：不安排")),
}
