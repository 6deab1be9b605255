"""设置 › 邮件发送记录: every message the site sent or is sending, with its
state, attempts and the reason it failed; read-only, plus 立即重发 through
``core.mail.retry_now``. Seen by whoever holds ``core.view_outgoingmessage``
(superusers; an administrator may grant it to a group in 设置 › 用户组)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from . import mail
from .admin_views import PermissionRequired
from .models import OutgoingMessage

READ_ONLY_ACTIONS = ("add", "change", "delete")


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes a message in the admin, superusers
    included: the rows are the record of what the site sent."""

    def user_has_permission(self, user, action):
        return action not in READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class RetryView(PermissionRequired, View):
    """立即重发 on a message's inspect screen (the admin contract: the
    permission first, then the lookup)."""

    http_method_names = ["post"]
    permission_required = mail.RETRY_PERMISSION
    inspect_url_name = None

    def prepare(self, request, pk):
        self.message = get_object_or_404(OutgoingMessage, pk=pk)

    def post(self, request, pk):
        message = self.message
        try:
            mail.retry_now(message, request.user)
        except mail.MailError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已重新排队，马上发送。"))
        return redirect(self.inspect_url_name, pk)


class OutgoingMessageViewSet(ModelViewSet):
    model = OutgoingMessage
    icon = "mail"
    menu_label = gettext_lazy("邮件发送记录")
    add_to_settings_menu = True
    menu_order = 900
    list_display = ["subject", "to", "status", "attempts", "last_error", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject", "about"]
    form_fields = []
    inspect_view_enabled = True
    inspect_view_fields = [
        "status",
        "to",
        "subject",
        "body",
        "about",
        "attempts",
        "last_error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
    ]
    inspect_template_name = "core/admin/outgoing_message_inspect.html"
    copy_view_enabled = False

    def get_urlpatterns(self):
        retry = RetryView.as_view(inspect_url_name=self.get_url_name("inspect"))
        return [*super().get_urlpatterns(), path("retry/<int:pk>/", retry, name="retry")]
