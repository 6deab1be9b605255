from wagtail.users.views.users import UserViewSet

from .forms import PhoneUserCreationForm, PhoneUserEditForm


class PhoneUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return PhoneUserEditForm if for_update else PhoneUserCreationForm
