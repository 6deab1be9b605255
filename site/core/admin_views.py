"""Base of our own admin screens (reports, workbenches, roll calls)."""

from django.utils import timezone
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


def requested_year(request):
    """The report year asked for in ``?year=`` (2000 to next year), else
    this year (Asia/Shanghai)."""
    value = request.GET.get("year", "")
    this_year = timezone.localdate().year
    return int(value) if value.isdigit() and 2000 <= int(value) <= this_year + 1 else this_year
