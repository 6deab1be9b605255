"""What the viewing point's services record in Wagtail's log (see core.log_actions)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "viewing.run.record": (_("登记设备运行"), _("登记了一次设备运行")),
    "viewing.run.change": (_("修改设备运行记录"), _("修改了设备运行记录")),
    "viewing.run.delete": (_("删除设备运行记录"), _("删除了设备运行记录")),
    "viewing.screening.start": (_("开始放映学习会"), _("开始放映学习会")),
    "viewing.screening.end": (_("结束放映学习会"), _("结束放映学习会")),
}
