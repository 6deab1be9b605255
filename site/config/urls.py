from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import AdminAccountView
from core.media import serve_media
from home import views as home_views

urlpatterns = [
    # Wagtail's account page, with our name panel (same URL, matched first).
    path("admin/account/", require_admin_access(AdminAccountView.as_view())),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("search/", home_views.search, name="search"),
    path("registrations/", include("events.urls")),
    path("study/", include("learning.study.urls")),
    path("evaluation/", include("learning.evaluation.urls")),
    path("viewing/", include("learning.viewing.urls")),
    path("learning/", include("learning.courses.urls")),
    path("volunteer/", include("volunteers.urls")),
]

if settings.SERVE_MEDIA:
    # Range-aware (videos seek); see core/media.py and docs/courses.md.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media, name="media")]

urlpatterns += [path("", include(wagtail_urls))]
