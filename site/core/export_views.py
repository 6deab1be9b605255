"""我的导出: a user's large exports (core/exports.py), their progress and,
when ready, the download. A job is its owner's only: anyone else gets 404."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from . import exports
from .admin_views import AdminScreen, PermissionRequired, Screen, ScreenViewSet
from .http import private_response
from .models import ExportJob, ExportState

URL_NAMESPACE = "core_exports"
# Every admin user may see their own exports; each export checks its own
# permission when it is asked for and again when it is built.
ADMIN = "wagtailadmin.access_admin"
REFRESH_SECONDS = 2


def refreshing(response, pending):
    """Private; reloaded by the browser every few seconds while ``pending``
    (the Refresh header: no JavaScript needed)."""
    if pending:
        response["Refresh"] = str(REFRESH_SECONDS)
    return private_response(response)


def own_job(request, pk):
    return get_object_or_404(ExportJob, pk=pk, user=request.user)


class ExportListView(AdminScreen, TemplateView):
    permission_required = ADMIN
    page_title = _("我的导出")
    header_icon = "download"
    template_name = "core/admin/export_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        jobs = ExportJob.objects.filter(user=self.request.user)[:50]
        context.update(jobs=jobs, refresh=any(job.pending for job in jobs))
        context["refresh_seconds"] = REFRESH_SECONDS
        return context

    def render_to_response(self, context, **kwargs):
        return refreshing(super().render_to_response(context, **kwargs), context["refresh"])


class ExportJobView(AdminScreen, TemplateView):
    permission_required = ADMIN
    page_title = _("导出")
    header_icon = "download"
    template_name = "core/admin/export_job.html"

    def prepare(self, request, pk):
        self.job = own_job(request, pk)

    def get_page_subtitle(self):
        return self.job.label

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items()[:1],
            {"url": reverse(f"{URL_NAMESPACE}:index"), "label": _("我的导出")},
            {"url": "", "label": self.job.label},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(job=self.job, refresh_seconds=REFRESH_SECONDS)
        return context

    def render_to_response(self, context, **kwargs):
        return refreshing(super().render_to_response(context, **kwargs), self.job.pending)


class ExportStatusView(PermissionRequired, View):
    """The job's state as a small JSON document, for a page that polls."""

    permission_required = ADMIN

    def get(self, request, pk):
        job = own_job(request, pk)
        done = job.state == ExportState.DONE
        return private_response(
            JsonResponse(
                {
                    "state": job.state,
                    "progress": job.progress,
                    "error": job.error,
                    "download": reverse(f"{URL_NAMESPACE}:download", args=[job.pk])
                    if done
                    else None,
                }
            )
        )


class ExportDownloadView(PermissionRequired, View):
    permission_required = ADMIN

    def get(self, request, pk):
        job = own_job(request, pk)
        if job.state != ExportState.DONE or not job.file:
            raise Http404
        return exports.download(job)


class ExportScreens(ScreenViewSet):
    name = URL_NAMESPACE
    url_prefix = "exports"
    icon = "download"
    menu_label = _("我的导出")
    add_to_admin_menu = True
    menu_order = 9000
    screens = (
        Screen("", ExportListView, "index", _("我的导出"), "download"),
        Screen("<id:pk>/", ExportJobView, "job"),
        Screen("<id:pk>/status/", ExportStatusView, "status"),
        Screen("<id:pk>/download/", ExportDownloadView, "download"),
    )
