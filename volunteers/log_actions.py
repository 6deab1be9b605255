"""What volunteers services record in Wagtail's log (see core.log_actions)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "volunteers.volunteer.register": (_("志愿者登记"), _("提交了志愿者登记")),
    "volunteers.volunteer.approve": (_("志愿者审核通过"), _("志愿者登记审核通过")),
    "volunteers.volunteer.reject": (_("志愿者审核未通过"), _("志愿者登记未通过")),
    "volunteers.signup.create": (_("班次报名"), _("报名了班次")),
    "volunteers.signup.cancel": (_("取消班次报名"), _("取消了班次报名")),
    "volunteers.signup.check_in": (_("班次签到"), _("签到")),
    "volunteers.signup.check_out": (_("班次签退"), _("签退")),
    "volunteers.record.create": (_("登记服务时长"), _("登记了服务时长")),
    "volunteers.record.approve": (_("认定服务时长"), _("服务时长已认定")),
    "volunteers.record.reject": (_("退回服务时长"), _("服务时长未通过")),
    "volunteers.record.change": (_("修改服务记录"), _("修改了服务记录")),
    "volunteers.correction.request": (_("申请更正"), _("申请更正服务记录")),
    "volunteers.correction.accept": (_("同意更正"), _("同意了更正申请")),
    "volunteers.correction.refuse": (_("不予更正"), _("不予更正")),
    "volunteers.certificate.issue": (_("开具证明"), _("开具了志愿服务证明")),
    "volunteers.wish.post": (_("提交微心愿"), _("提交了微心愿")),
    "volunteers.wish.publish": (_("发布微心愿"), _("微心愿审核通过并发布")),
    "volunteers.wish.reject": (_("退回微心愿"), _("微心愿未通过")),
    "volunteers.wish.claim": (_("认领微心愿"), _("认领了微心愿")),
    "volunteers.wish.fulfil": (_("实现微心愿"), _("微心愿已实现")),
}
