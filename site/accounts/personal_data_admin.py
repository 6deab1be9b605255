"""Administrators erase a user's personal data from Wagtail's users admin.

Deleting a user there (one, or several with the bulk action) is the same
erasure a person does on 我的数据 (``personal_data.erase_account``): the
user's registrations, sign-ups and texts are erased everywhere, figures stay
on anonymised rows, and the account is deleted. It needs the permission
``accounts.erase_personal_data`` besides Wagtail's own ``delete_user``; a
plain row deletion that leaves names and numbers behind is not offered.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.users.utils import user_can_delete_user
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.users import DeleteView

from . import personal_data


def can_erase(actor, user):
    if not user_can_delete_user(actor, user):
        return False
    try:
        personal_data.check_can_erase(user, actor)
    except personal_data.PersonalDataError:
        return False
    return True


class EraseUserView(DeleteView):
    page_title = gettext_lazy("注销账户并清除个人信息")
    success_message = gettext_lazy("已注销账户 %(object)s，个人信息已清除。")

    def dispatch(self, request, *args, **kwargs):
        if not can_erase(request.user, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def confirmation_message(self):
        return _("确定要注销这个账户并清除其在本站的个人信息吗？此操作不能撤销。")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["held"] = personal_data.summary(self.object)
        context["rules"] = personal_data.rules()
        return context

    def form_valid(self, form):
        if self.usage and self.usage.is_protected:
            raise PermissionDenied
        label = str(self.object)
        try:
            personal_data.erase_account(self.object, self.request.user)
        except personal_data.PersonalDataError as error:
            messages.error(self.request, error.message)
            return HttpResponseRedirect(self.get_success_url())
        messages.success(self.request, self.success_message % {"object": label})
        return self.run_after_hook() or HttpResponseRedirect(self.get_success_url())


class EraseUsersBulkAction(DeleteBulkAction):
    """Wagtail's bulk "delete users", as the same erasure, user by user."""

    display_name = gettext_lazy("注销并清除个人信息")
    aria_label = gettext_lazy("注销所选账户并清除个人信息")
    template_name = "accounts/admin/confirm_bulk_erase.html"

    def check_perm(self, obj):
        return can_erase(self.request.user, obj)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "rules": personal_data.rules()}

    def get_execution_context(self):
        return {"actor": self.request.user}

    @classmethod
    def execute_action(cls, objects, actor=None, **kwargs):
        for user in objects:
            personal_data.erase_account(user, actor)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "已注销 %(n)d 个账户，个人信息已清除。",
            "已注销 %(n)d 个账户，个人信息已清除。",
            num_parent_objects,
        ) % {"n": num_parent_objects}
