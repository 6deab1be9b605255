from wagtail import hooks

from . import account_data
from .personal_data_admin import EraseUsersBulkAction


@hooks.register("register_personal_data")
def account_personal_data():
    return account_data.provider()


# Registered after wagtail.users' own "delete" (order), so it takes its place.
hooks.register("register_bulk_action", EraseUsersBulkAction, order=100)
