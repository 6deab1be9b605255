"""Production: refuses to start without its secrets, and passes
``manage.py check --deploy`` without warnings once they are set.

Required: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS. Usual: DATABASE_URL
(PostgreSQL), CACHE_URL (Redis), EMAIL_HOST..., MEDIA_S3_BUCKET... (see docs/operations.md).
"""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_required

DEBUG = False
SECRET_KEY = env_required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    env_required("DJANGO_ALLOWED_HOSTS")

# HTTPS everywhere. Behind a TLS-terminating proxy set DJANGO_BEHIND_PROXY=1 so
# that Django trusts its X-Forwarded-Proto header.
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
