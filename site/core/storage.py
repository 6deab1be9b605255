"""Media on S3-compatible object storage, public where the site shows it to
everyone and private everywhere else (docs/operations.md "Object storage").

``MediaStorage`` is django-storages' ``S3Storage`` with two decisions of ours:

* **URLs.** A name under one of ``MEDIA_S3_PUBLIC_PREFIXES`` (images,
  renditions, videos, posters, subtitles) gets a plain URL, on the CDN host
  (``MEDIA_S3_CUSTOM_DOMAIN``) when there is one: the same URL for every
  visitor, so cached pages and a CDN keep working. Any other name (Wagtail
  documents, anything else written to the storage) gets a URL signed for
  ``MEDIA_S3_PRIVATE_URL_SECONDS`` on the bucket itself, which also tells the
  bucket to answer it as a download (``response-content-disposition``).
  Wagtail's document view (``WAGTAILDOCS_SERVE_METHOD = "redirect"``) checks
  collection privacy first and only then redirects to such a URL.
* **Object headers.** The type an object is stored with comes from
  ``core.media``'s allow-list by its extension, never from what the browser
  declared at upload; anything not shown inline is stored as
  ``application/octet-stream`` with ``Content-Disposition: attachment``.

The bucket policy that makes exactly those prefixes public-read is set by
``manage.py prepare_media_bucket`` (core/bucket.py), from the same setting.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from core.media import media_headers


def is_public(name):
    return clean_name(name).startswith(tuple(settings.MEDIA_S3_PUBLIC_PREFIXES))


class MediaStorage(S3Storage):
    def get_default_settings(self):
        defaults = super().get_default_settings()
        defaults["querystring_auth"] = False
        defaults["default_acl"] = None
        return defaults

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        headers = media_headers(name)
        params.setdefault("ContentType", headers["Content-Type"])
        if "Content-Disposition" in headers:
            params.setdefault("ContentDisposition", headers["Content-Disposition"])
        return params

    def url(self, name, parameters=None, expire=None, http_method=None):
        if is_public(name):
            return super().url(name, parameters, expire, http_method)
        key = self._normalize_name(clean_name(name))
        params = {
            "Bucket": self.bucket_name,
            "Key": key,
            # Always a download, whatever the object was stored with.
            "ResponseContentDisposition": content_disposition_header(True, PurePosixPath(key).name),
            **(parameters or {}),
        }
        return self.connection.meta.client.generate_presigned_url(
            "get_object",
            Params=params,
            ExpiresIn=expire or settings.MEDIA_S3_PRIVATE_URL_SECONDS,
            HttpMethod=http_method,
        )
