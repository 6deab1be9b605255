"""Settings shared by every environment.

Safe by default: DEBUG is off and nothing secret lives here. Everything that
differs between machines comes from environment variables (see README,
"Configuration"). The embedded default needs none of them: SQLite in WAL mode,
local media, a file cache and the console mail backend, all under ``var/``.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from .caches import cache_from_url, frontend_caches
from .env import env, env_bool, env_int, env_list, site_url

# site/ is a source root (it is on sys.path); the repository is its parent.
SITE_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SITE_DIR.parent
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Ours. Dependencies point one way: core <- accounts <- events, learning.courses
    # (which know nothing of each other) <- learning.study, volunteers (which know
    # nothing of each other; volunteers nothing of learning at all) <- learning.meetings
    # (the 三会一课 register, on learning.study); only home knows them all. `make lint` checks it (import-linter, pyproject.toml;
    # docs/architecture.md).
    "accounts",
    "core",
    "home",
    "events",
    "learning.courses",
    "learning.study",
    "learning.meetings",
    "learning.evaluation",
    "learning.viewing",
    "volunteers",
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "accounts.apps.PhoneUsersAppConfig",  # wagtail.users with phone-number forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtailvideos",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Third party
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    # Page view restrictions are read once per request (core/view_restrictions.py).
    "core.view_restrictions.RequestScopeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Serves whole pages to anonymous visitors from the cache; see core/page_cache.py.
    "core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# DATABASE_URL (postgres://user:password@host:5432/name) selects PostgreSQL.
# Without it: SQLite with WAL, a busy timeout, and IMMEDIATE transactions so that
# every atomic() block takes the write lock up front (measured, docs/architecture.md "The service pattern":
# the default DEFERRED mode loses read-modify-write updates under concurrency).
DATABASE_URL = env("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- Cache --------------------------------------------------------------------
# CACHE_URL: redis://host:6379/0 (shared, for several app servers), locmem://,
# or file:///path. Default: a file cache under var/, shared by all workers of
# one machine, so a purge on publish reaches every worker.
CACHES = {"default": cache_from_url(env("CACHE_URL", ""), VAR_DIR / "cache")}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "django_redis"
# After Redis fails to answer, skip it this long in each process (core/redis_outage.py).
CACHE_OUTAGE_PAUSE_SECONDS = env_int("CACHE_OUTAGE_PAUSE_SECONDS", 5)
# Whole-page cache for anonymous visitors (core/page_cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# A miss renders once: the others get the previous copy, kept this long past
# its expiry, or wait for the new one at most PAGE_CACHE_LOCK_SECONDS.
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 3600)
PAGE_CACHE_LOCK_SECONDS = env_int("PAGE_CACHE_LOCK_SECONDS", 5)
# nginx/Varnish in front: where purges go (HTTP PURGE, core/page_purge.py).
WAGTAILFRONTENDCACHE = frontend_caches(env_list("FRONTEND_CACHE_PURGE_URL"))


# --- Background work ------------------------------------------------------------
# Django's task framework (django-tasks) with the database backend: a task is a
# row in the site's own database, written in the same transaction as the change
# that enqueued it, and run by `manage.py db_worker` (started by `make run`
# beside gunicorn; a systemd unit in production). Wagtail's own work (search
# index, reference index, file deletion, focal points) and our e-mail run there.
# See docs/operations.md "Background work".
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}


# Large Excel exports (core/exports.py): up to this many rows the file is made
# in the request; above, by the worker, with progress in 我的导出.
EXPORT_SYNC_ROWS = env_int("EXPORT_SYNC_ROWS", 2000)


# --- Authentication -----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, with permissions read in one query (accounts/backends.py).
    "accounts.backends.PermissionBackend",
]
# Django's validators (their messages have zh-hans translations) plus ours
# (accounts/password_validation.py): the minimum length with a Chinese
# message, and no password made of the phone number or the real name.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("real_name", "email")},
    },
    {"NAME": "accounts.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.password_validation.PhoneAndNameValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:me"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"

# Login throttling: config/settings/logins.py.
from .logins import *  # noqa: E402, F403

# Proof of possession of a phone number: activation codes and SMS.
from .phone_proof import *  # noqa: E402, F403

SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# Sessions are written to the database and read from the shared cache: a
# member's page costs no session query while the cache holds it, and while
# the cache is out they are read from the database (nobody is logged out).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Messages live in a cookie, never in the session: a request carrying one is
# never answered from the page cache (core/page_cache.py), so it is shown.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"


# --- Language and time ----------------------------------------------------------
# The product's source language is Simplified Chinese: our own strings are
# written in Chinese inside gettext calls, so another language can be added
# with makemessages without touching code.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False


# --- Static and media -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))

# Local files, or S3-compatible object storage when MEDIA_S3_BUCKET is set:
# config/settings/media.py.
from .media import *  # noqa: E402, F403
from .media import AWS_STORAGE_BUCKET_NAME, MEDIA_ORIGIN, MEDIA_STORAGE  # noqa: E402

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Large Excel exports made by the worker (core/exports.py), served only to
    # their owner through Django: with a bucket, its private part (exports/ is
    # no public prefix); else PRIVATE_FILES_DIR, outside the media folder.
    "exports": MEDIA_STORAGE
    if AWS_STORAGE_BUCKET_NAME
    else {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env("PRIVATE_FILES_DIR", str(VAR_DIR / "private")), "base_url": ""},
    },
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644


# --- Wagtail -----------------------------------------------------------------------
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "社区学习与志愿服务平台")
# The site's own address for absolute links (calendar files, feeds, e-mails, QR
# codes, the certificate's verification link): ``manage.py set_site_url`` writes
# it into the default Wagtail Site, which they all read (core/site_url.py).
SITE_URL = site_url()
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL") or SITE_URL
# The database backend with Chinese word segmentation (jieba) at index and
# query time, on SQLite and PostgreSQL alike: core/search_backend.py.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "core.search_backend", "SEARCH_CONFIG": "simple"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_PASSWORD_RESET_ENABLED = env_bool("WAGTAIL_PASSWORD_RESET_ENABLED", False)
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminPhoneLoginForm"

# Uploads: images limited in bytes and pixels; documents to an allow-list of
# office formats (incl. Kingsoft WPS), always served as downloads.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Every image form's file field decodes the whole image: a broken file is a
# Chinese form error, not a server error (core/images.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.images.ImageForm"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "wps",
    "et",
    "dps",
    "odt",
    "ods",
    "odp",
    "rtf",
    "txt",
    "csv",
    "zip",
]
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True


# --- E-mail ------------------------------------------------------------------------
EMAIL_HOST = env("EMAIL_HOST", "")
# What talks to the mail server: only the background worker uses it
# (core/mail.py). The operator's EMAIL_BACKEND variable names it.
MAIL_DELIVERY_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
# Where django.core.mail.backends.filebased.EmailBackend (EMAIL_BACKEND) writes.
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
# Django's own EMAIL_BACKEND stores every message in the outbox, Wagtail's
# mail (workflow notifications, password resets) included.
EMAIL_BACKEND = "core.mail.OutboxBackend"
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "noreply@localhost")
# Every message is stored and sent by the background worker (core/mail.py):
# seconds each SMTP step may take, attempts before a message is 失败, and the
# first wait before a retry (then ×3 each time: 1, 3, 9, 27, 81 minutes).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 6)
MAIL_RETRY_SECONDS = env_int("MAIL_RETRY_SECONDS", 60)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL


# --- Security headers ----------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views set SAMEORIGIN for themselves
PERMISSIONS_POLICY = "camera=(self), microphone=(), geolocation=(), payment=(), usb=()"

# Content Security Policy for the public site: only our own origin, no inline
# script or style. The Wagtail admin (its own pages) is left to Wagtail.
_media_sources = [MEDIA_ORIGIN] if MEDIA_ORIGIN else []
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_media_sources],
        # blob: the course player's hls.js plays through Media Source Extensions.
        "media-src": [SELF, "blob:", *_media_sources],
        "font-src": [SELF],
        # hls.js fetches playlists and segments (from the bucket with MEDIA_ORIGIN).
        "connect-src": [SELF, *_media_sources],
        "frame-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}


# --- Course videos (wagtailvideos) -------------------------------------------------------
# Duration, size and poster are read with ffmpeg where it is installed; without
# it the site works and editors type the duration (learning/courses/video_backend.py).
WAGTAILVIDEOS_TRANSCODER = {"BACKEND": "learning.courses.video_backend.CourseVideoBackend"}
WAGTAILVIDEOS_MAX_UPLOAD_SIZE = env_int("VIDEO_MAX_UPLOAD_MB", 2048) * 1024 * 1024
WAGTAIL_VIDEOS_THUMBNAIL_EXTENSION = "jpg"

# The Chinese font embedded in certificate PDFs (volunteers/certificates.py):
# WenQuanYi Micro Hei from Debian's fonts-wqy-microhei (TrueType outlines,
# which reportlab can subset and embed).
CERTIFICATE_FONT = env("CERTIFICATE_FONT", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
