from wagtail.admin.forms import WagtailAdminModelForm

from accounts.fields import MobileNumberField

from .models import Member


class MemberForm(WagtailAdminModelForm):
    phone = MobileNumberField()

    class Meta:
        model = Member
        fields = ["name", "phone", "branch", "grid", "status", "active"]
