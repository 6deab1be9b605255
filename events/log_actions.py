"""What events services record in Wagtail's log (see core.log_actions)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "events.registration.create": (_("活动报名"), _("报名了活动")),
    "events.registration.cancel": (_("取消活动报名"), _("取消了活动报名")),
    "events.registration.check_in": (_("活动签到"), _("为报名者签到")),
    "events.registration.undo_check_in": (_("撤销活动签到"), _("撤销了签到")),
}
