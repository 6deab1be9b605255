from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import log_actions, mail_personal_data
from .export_views import ExportScreens
from .mail_admin import OutgoingMessageViewSet, ReadOnlyPolicy
from .models import OutgoingMessage

ACTIONS = {"core.mail.retry": (_("立即重发邮件"), _("立即重发了邮件"))}

register_permission_policy(OutgoingMessage, ReadOnlyPolicy(OutgoingMessage))


@hooks.register("register_admin_viewset")
def outgoing_messages_viewset():
    return OutgoingMessageViewSet("outgoing_mail")


@hooks.register("register_admin_viewset")
def exports_viewset():
    return ExportScreens()


@hooks.register("register_log_actions")
def core_log_actions(actions):
    log_actions.register(actions, ACTIONS)


@hooks.register("register_personal_data")
def outgoing_mail_personal_data():
    return mail_personal_data.provider()
