"""URLs for the server-error test: the site's own, plus one view that fails."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("forced failure for the error-page test")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
