from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .models import NoticePage
from .search import SearchType


@hooks.register("register_search_type")
def notice_search_type():
    return SearchType("notice", _("通知公告"), NoticePage, order=10)
