"""What evaluation services record in Wagtail's log (see core.log_actions).
Votes are never logged: a log entry has a time, and a vote must have none."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "evaluation.round.open": (_("建立民主评议"), _("建立了年度民主评议")),
    "evaluation.stage.advance": (_("民主评议进入下一阶段"), _("推进了民主评议阶段")),
    "evaluation.participation.record": (_("登记参加评议"), _("登记了参加方式或自评")),
    "evaluation.paper.enter": (_("录入纸质测评票"), _("录入了纸质测评票")),
    "evaluation.grade.set": (_("组织评定等次"), _("评定了党员等次")),
}
