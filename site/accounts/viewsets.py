from wagtail.users.views.users import UserViewSet

from .forms import PhoneUserCreationForm, PhoneUserEditForm
from .personal_data_admin import EraseUserView


class PhoneUserViewSet(UserViewSet):
    # Deleting a user erases their personal data everywhere (我的数据).
    delete_view_class = EraseUserView

    def get_form_class(self, for_update=False):
        return PhoneUserEditForm if for_update else PhoneUserCreationForm
