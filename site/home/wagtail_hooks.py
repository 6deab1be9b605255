from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.search import SearchType

from .models import NoticePage


@hooks.register("register_search_type")
def notice_search_type():
    return SearchType("notice", _("通知公告"), NoticePage, order=10)
