"""Where uploaded media lives and how it is served, read from the
environment. ``base`` imports every name of this module.

Without ``MEDIA_S3_BUCKET``: files under ``MEDIA_ROOT``, served by Django
(core/media.py) or nginx. With it: S3-compatible object storage
(core/storage.py, docs/operations.md "Object storage"): the prefixes in
``MEDIA_S3_PUBLIC_PREFIXES`` are public-read with plain URLs, everything else
(Wagtail documents above all) is private and reached only through
short-lived signed URLs. ``manage.py prepare_media_bucket`` sets the bucket
up to match.
"""

from .env import env, env_bool, env_int, env_list, site_url

__all__ = [
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_S3_SIGNATURE_VERSION",
    "AWS_DEFAULT_ACL",
    "AWS_QUERYSTRING_AUTH",
    "AWS_S3_FILE_OVERWRITE",
    "MEDIA_S3_PUBLIC_PREFIXES",
    "MEDIA_S3_PRIVATE_URL_SECONDS",
    "MEDIA_S3_CORS_ORIGINS",
    "MEDIA_STORAGE",
    "WAGTAILDOCS_SERVE_METHOD",
    "SERVE_MEDIA",
    "MEDIA_X_ACCEL_REDIRECT",
    "MEDIA_RANGE_CHUNK_BYTES",
    "MEDIA_ORIGIN",
]

AWS_STORAGE_BUCKET_NAME = env("MEDIA_S3_BUCKET", "")
AWS_S3_ENDPOINT_URL = env("MEDIA_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = env("MEDIA_S3_REGION") or None
# A CDN host name in front of the public prefixes; never used for the signed
# URLs of private files, which go to the bucket itself.
AWS_S3_CUSTOM_DOMAIN = env("MEDIA_S3_CUSTOM_DOMAIN") or None
AWS_ACCESS_KEY_ID = env("MEDIA_S3_ACCESS_KEY_ID") or None
AWS_SECRET_ACCESS_KEY = env("MEDIA_S3_SECRET_ACCESS_KEY") or None
# Signature Version 4 for the signed URLs (SigV2 is refused by newer stores).
AWS_S3_SIGNATURE_VERSION = env("MEDIA_S3_SIGNATURE_VERSION", "s3v4")
# No object ACLs: what is public is said once, by the bucket policy.
AWS_DEFAULT_ACL = None
AWS_QUERYSTRING_AUTH = False
AWS_S3_FILE_OVERWRITE = False
# What the bucket policy makes public-read and the storage links to with
# plain URLs: Wagtail images and renditions, videos with their posters,
# transcodes and text tracks, course subtitles. Anything else (documents/,
# exports, …) stays private.
MEDIA_S3_PUBLIC_PREFIXES = env_list(
    "MEDIA_S3_PUBLIC_PREFIXES",
    [
        "original_images/",
        "images/",
        "original_videos/",
        "video_transcodes/",
        "video_tracks/",
        "course_subtitles/",
    ],
)
# Lifetime of a signed URL to a private file (a document download), seconds.
MEDIA_S3_PRIVATE_URL_SECONDS = env_int("MEDIA_S3_PRIVATE_URL_SECONDS", 300)
# Origins the bucket's CORS rule lets read media (the course player and its
# subtitles); by default the site's own address.
MEDIA_S3_CORS_ORIGINS = env_list("MEDIA_S3_CORS_ORIGINS", [site_url()])
MEDIA_STORAGE = {
    "BACKEND": "core.storage.MediaStorage"
    if AWS_STORAGE_BUCKET_NAME
    else "django.core.files.storage.FileSystemStorage"
}
# Wagtail documents go through Wagtail's view (collection privacy, always a
# download); with a bucket it answers with a redirect to a signed URL.
WAGTAILDOCS_SERVE_METHOD = "redirect" if AWS_STORAGE_BUCKET_NAME else "serve_view"

# Django serves local media itself unless a proxy or object storage does.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", not AWS_STORAGE_BUCKET_NAME)
# With nginx in front: the internal location that serves MEDIA_ROOT (e.g.
# "/protected-media/"); Django checks the path, nginx sends the file with Range.
MEDIA_X_ACCEL_REDIRECT = env("MEDIA_X_ACCEL_REDIRECT", "")
# Largest answer to an open-ended Range ("bytes=0-"): a video player asks for
# the next part when it needs it, so a slow viewer never holds a thread for long.
MEDIA_RANGE_CHUNK_BYTES = env_int("MEDIA_RANGE_CHUNK_KB", 2048) * 1024
# Where media is served from when that is another origin (object storage, a
# CDN): allowed by the CSP, and the course player asks it with CORS.
MEDIA_ORIGIN = env("MEDIA_ORIGIN", "")
