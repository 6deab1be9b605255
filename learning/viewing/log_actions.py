"""What the viewing point's services record in Wagtail's log (see core.log_actions)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "viewing.run.record": (_("登记设备运行"), _("登记了一次设备运行")),
    "viewing.run.change": (_("修改设备运行记录"), _("修改了设备运行记录")),
    "viewing.run.delete": (_("删除设备运行记录"), _("删除了设备运行记录")),
    "viewing.asset.create": (_("登记远教设备"), _("登记了一台远教设备")),
    "viewing.asset.change": (_("修改远教设备"), _("修改了远教设备的登记")),
    "viewing.asset.scrap": (_("设备报废"), _("登记了设备报废")),
    "viewing.fault.report": (_("报告设备故障"), _("报告了设备故障")),
    "viewing.fault.send": (_("设备送修"), _("登记了设备送修")),
    "viewing.fault.repair": (_("设备修复"), _("登记了设备修复")),
    "viewing.inspection.record": (_("五防检查"), _("登记了五防检查")),
    "viewing.screening.start": (_("开始放映学习会"), _("开始放映学习会")),
    "viewing.screening.end": (_("结束放映学习会"), _("结束放映学习会")),
    "viewing.request.ask": (_("提出点播需求"), _("提出了点播需求")),
    "viewing.request.vote": (_("点播需求投票"), _("为点播需求投了一票")),
    "viewing.request.unvote": (_("撤回点播需求投票"), _("撤回了点播需求投票")),
    "viewing.request.approve": (_("点播需求公开"), _("点播需求审核公开")),
    "viewing.request.reject": (_("点播需求不公开"), _("点播需求设为不公开")),
    "viewing.request.plan": (_("点播需求计划安排"), _("答复点播需求：计划安排")),
    "viewing.request.decline": (_("点播需求不安排"), _("答复点播需求：不安排")),
}
