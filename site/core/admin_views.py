"""Base of our own admin screens (reports, workbenches, roll calls)."""

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminScreen(WagtailAdminTemplateMixin):
    """A custom admin screen whose breadcrumbs end with its own title:
    Wagtail's default stops at 首页, so every such screen looked like the
    dashboard in the breadcrumb trail."""

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        if len(items) == 1:
            items = [*items, {"url": "", "label": self.get_header_title()}]
        return items
