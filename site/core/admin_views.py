"""The one way to write our own admin screens (reports, workbenches, roll
calls, exports): docs/architecture.md, "The admin contract".

* A view declares ``permission_required = "app.codename"``; ``dispatch``
  refuses anyone without it (403) before the URL's object is looked up, and
  only then calls ``prepare()``, where the view finds what the URL names and
  checks what depends on it (a branch, a decision's own permission).
* ``AdminScreen`` is that check on a templated Wagtail admin page;
  ``PermissionRequired`` alone serves exports and POST-only actions.
* An app's screens are a ``ScreenViewSet``: its ``screens`` are its URLs
  (namespace and prefix from the viewset), the ones with a ``menu_label``
  are menu entries, each shown only to users who have its view's
  permission. The viewset is registered through ``register_admin_viewset``,
  alone or inside the app's ``AppViewSetGroup``.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup


class PermissionRequired:
    """Refuses users without ``permission_required`` before anything else."""

    permission_required = None

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_required:
            raise ImproperlyConfigured(f"{type(self).__name__} declares no permission_required")
        if not request.user.has_perm(self.permission_required):
            raise PermissionDenied
        self.prepare(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def prepare(self, request, *args, **kwargs):
        """Look up what the URL names, once the permission is checked."""


class AdminScreen(PermissionRequired, WagtailAdminTemplateMixin):
    """A permission-checked admin page whose breadcrumbs end with its own
    title (Wagtail's default stops at 首页, so every such screen looked like
    the dashboard in the breadcrumb trail)."""

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        if len(items) == 1:
            items = [*items, {"url": "", "label": self.get_header_title()}]
        return items


class PermissionMenuItem(MenuItem):
    """A menu entry shown only to users who have ``permission``."""

    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@dataclass(frozen=True)
class Screen:
    """One URL of a ``ScreenViewSet``; in the menu when it has a label."""

    route: str
    view: type
    name: str
    menu_label: str = ""
    icon: str = ""


class ScreenViewSet(ViewSet):
    """An app's own admin screens under one URL prefix and namespace."""

    screens: tuple[Screen, ...] = ()

    def get_urlpatterns(self):
        for screen in self.screens:
            if not issubclass(screen.view, PermissionRequired):
                raise ImproperlyConfigured(f"{screen.view.__name__} is not permission-checked")
        return [path(s.route, s.view.as_view(), name=s.name) for s in self.screens]

    def get_menu_items(self, order=None):
        order = self.get_menu_item_order(order)
        return [
            PermissionMenuItem(
                screen.menu_label,
                reverse(self.get_url_name(screen.name)),
                icon_name=screen.icon or self.icon,
                order=order + index,
                permission=screen.view.permission_required,
            )
            for index, screen in enumerate(s for s in self.screens if s.menu_label)
        ]

    def get_menu_item(self, order=None):
        """Registered alone (``add_to_admin_menu``): its first menu entry,
        under the viewset's own label."""
        item = self.get_menu_items(order)[0]
        item.label = self.menu_label or item.label
        item.icon_name = self.menu_icon or item.icon_name
        return item


class AppViewSetGroup(ViewSetGroup):
    """An app's one place in the admin menu: its model viewsets and its
    screens (each screen set may give several entries)."""

    def get_submenu_items(self):
        items = []
        for registerable in self.registerables:
            if isinstance(registerable, ScreenViewSet):
                items += registerable.get_menu_items(order=len(items) + 1)
            else:
                items.append(registerable.get_menu_item(order=len(items) + 1))
        return items


def requested_year(request):
    """The report year asked for in ``?year=`` (2000 to next year), else
    this year (Asia/Shanghai)."""
    value = request.GET.get("year", "")
    this_year = timezone.localdate().year
    return int(value) if value.isdigit() and 2000 <= int(value) <= this_year + 1 else this_year
