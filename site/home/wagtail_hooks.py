from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.search import SearchType

from .models import NoticePage


@hooks.register("register_search_type")
def notice_search_type():
    return SearchType("notice", _("通知公告"), NoticePage, order=10)


def _community_settings_moved(request, site_pk=None):
    args = ["core", "communitysettings"] + ([site_pk] if site_pk is not None else [])
    return redirect(reverse("wagtailsettings:edit", args=args), permanent=True)


@hooks.register("register_admin_urls", order=-1)  # before wagtailsettings' own addresses
def community_settings_old_address():
    """设置 › 社区信息 was at settings/home/communitysettings/ until the model
    moved to core (migration core 0001): a bookmark of the old address still
    leads to it."""
    return [
        path("settings/home/communitysettings/", _community_settings_moved),
        path("settings/home/communitysettings/<id:site_pk>/", _community_settings_moved),
    ]
