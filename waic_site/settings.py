"""Settings for WAIC Directory: one file, every value from the environment.

Production differs from a laptop only in the values of the variables listed in README.md.
"""

import os
from datetime import date, timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from waic_site.event import Event

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_flag(name):
    return env(name) == "1"


def env_int(name, default):
    """A whole number; `default` when the variable is unset or empty."""
    value = env(name) or str(default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = env_flag("DJANGO_DEBUG")

SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DJANGO_DEBUG=1 on a development machine (see README.md, Configuration)."
        )
    SECRET_KEY = "django-insecure-development-only-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# HTTPS. Off by default so that `make serve` works on http://127.0.0.1; the production
# environment in docs/deploy.md turns every one of them on.
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES")
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD")
if proxy_header := env("DJANGO_PROXY_SSL_HEADER"):
    # The header the load balancer sets to "https", e.g. X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_header.upper().replace("-", "_"), "https")

# Security headers on every response (Referrer-Policy, nosniff and COOP come from Django's
# SecurityMiddleware defaults).
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

INSTALLED_APPS = [
    # Before the admin, so its translated fields are registered first (modeltranslation's docs).
    "modeltranslation",
    "waic_site.apps.OrganizersAdminConfig",  # django.contrib.admin with the organizers' site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django.contrib.sitemaps",
    "django_filters",
    "django_countries",
    "import_export",
    "reversion",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "waic_site",
    "directory",
    "exhibitors",
    "speakers",
    "favourites",
]
# The apps whose records organizers keep: a change to any of their rows expires the cached
# pages (waic_site/cache.py), and the Organizers group may edit all of them (waic_site/roles.py).
DIRECTORY_APPS = ["exhibitors", "speakers"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "waic_site.api.middleware.OpenDataCorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages after everything below has answered, cached pages and 304s included;
    # static files never reach it (whitenoise above serves their own .gz and .br files). Each
    # answer gets random bytes in its gzip header: Django's mitigation of BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "waic_site.cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
    "waic_site.seo.NoIndexAdminMiddleware",
]

# `make bench` only: an X-Queries header on every response (waic_site/querycount.py).
if env_flag("WAIC_BENCH_QUERY_COUNT"):
    MIDDLEWARE.insert(0, "waic_site.querycount.QueryCountMiddleware")

ROOT_URLCONF = "waic_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "waic_site.wsgi.application"

# SQLite file in the project unless DATABASE_URL names another database, e.g.
# postgres://postgres@127.0.0.1:5432/waic (PostgreSQL through psycopg).
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 0),
        # A connection kept open between requests is checked before a request reuses it, so a
        # database restart costs no request an error (docs: CONN_HEALTH_CHECKS).
        conn_health_checks=True,
    )
}

# SQLite as a site's database, tuned for serving: visitors keep reading while an organizer
# writes (write-ahead log; with synchronous=NORMAL a power cut may lose the last commits, never
# the database's consistency), a writing transaction takes its lock when it begins instead of
# failing half-way with "database is locked", and each connection keeps up to 64 MiB of the
# database in memory (SQLite's default, 2 MiB, is far less than the listings read at ten times
# WAIC's size: they would read the same pages from the operating system on every request).
SQLITE_PRAGMAS = {
    "journal_mode": "WAL",
    "synchronous": "NORMAL",
    "cache_size": "-65536",  # KiB
    "temp_store": "MEMORY",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        # A write waits this many seconds for another one to finish (Python's default, 5, is
        # less than a confirmed import of thousands of rows takes to write them).
        "timeout": env_int("DJANGO_SQLITE_TIMEOUT", 20),
        "init_command": ";".join(f"PRAGMA {key}={value}" for key, value in SQLITE_PRAGMAS.items()),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times as each language writes them ("Sat 26 July, 09:30", "7月26日 周六 09:30"):
# waic_site/formats/<locale>/formats.py, over Django's own formats for the language.
FORMAT_MODULE_PATH = ["waic_site.formats"]

# Content in both languages (django-modeltranslation): each translated field `name` gets
# `name_en` and `name_zh_hans` columns; `name` reads the visitor's language and, when that one
# is empty, the other language.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("en", "zh-hans"),
    "en": ("en", "zh-hans"),
    "zh-hans": ("zh-hans", "en"),
}
# The admin's slug prepopulation always starts from the English name (Chinese-only names get a
# pinyin slug when saved).
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"


# Admin labels say the language in itself: "name · English", "name · 简体中文".
def MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME(verbose_name, language):
    return f"{verbose_name} · {LANG_INFO[language]['name_local']}"


TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# The edition of WAIC the directory is for: what pages, feeds and exports say about it.
WAIC_EVENT = Event(
    name=_("World Artificial Intelligence Conference"),
    acronym="WAIC",
    days=(date(2025, 7, 26), date(2025, 7, 27), date(2025, 7, 28)),
    theme=_("Global Solidarity in the AI Era"),
    venues=_("Shanghai World Expo Center and Shanghai World Expo Exhibition & Convention Center"),
    city=_("Shanghai"),
    # The Expo site in Pudong, where the halls and stages are.
    address={
        "streetAddress": "1099 Guozhan Road, Pudong New Area",
        "addressLocality": "Shanghai",
        "addressCountry": "CN",
    },
    time_zone_name=_("Shanghai time"),  # TIME_ZONE, as attendees say it
    utc_offset="GMT+8",
)

# A CDN in front of the static files, e.g. https://static.example.org.
static_host = env("DJANGO_STATIC_HOST").rstrip("/")
STATIC_URL = static_host + "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))

MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# Uploads go to local files, or to S3-compatible object storage when a bucket is named.
# Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read by boto3 itself.
MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
media_host = env("DJANGO_MEDIA_S3_CUSTOM_DOMAIN")
if media_bucket := env("DJANGO_MEDIA_S3_BUCKET"):
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": media_bucket,
            "endpoint_url": env("DJANGO_MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env("DJANGO_MEDIA_S3_REGION") or None,
            "custom_domain": media_host or None,
            "location": "media",
            "file_overwrite": False,
            "querystring_auth": False,  # media is public: plain, cacheable URLs
            "default_acl": None,  # the bucket's policy decides, not each object
        },
    }
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Local memory (one process) unless REDIS_URL names a Redis shared by every app server,
# e.g. redis://cache.internal:6379/0. The key prefix keeps sites or test runs apart.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_PREFIX": env("DJANGO_CACHE_KEY_PREFIX", "waic"),
        # Django's default of 300 keys would evict version stamps among the pages and the
        # records' stamps (waic_site/cache.py): every page of that kind would render again.
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
if redis_url := env("REDIS_URL"):
    CACHES["default"] |= {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_url,
        # A Redis that is down or slow costs a second, not the site: pages are then rendered.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
# Anonymous public pages are kept this long (and browsers may reuse them as long); 0 turns the
# page cache off, e.g. to benchmark the views themselves.
WAIC_PAGE_CACHE_SECONDS = env_int("WAIC_PAGE_CACHE_SECONDS", 60)

# Content-Security-Policy: everything from the site itself, no inline script or style.
MEDIA_HOSTS = [f"https://{media_host}"] if media_host else []
STATIC_HOSTS = [static_host] if static_host else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, *STATIC_HOSTS],
        "style-src": [SELF, *STATIC_HOSTS],
        "img-src": [SELF, "data:", *STATIC_HOSTS, *MEDIA_HOSTS],
        "font-src": [SELF, *STATIC_HOSTS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Logging: every unhandled error (a 500) is written with its traceback to standard error, which
# gunicorn passes on to wherever the service's output goes (the terminal, journald, the
# container's log). DJANGO_LOG_LEVEL is the least severe level written: WARNING also shows
# refused requests (4xx) and lockouts, ERROR only failures. Test runs capture it with the rest
# of their output.
LOG_LEVEL = env("DJANGO_LOG_LEVEL", "WARNING").upper()
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
    raise ImproperlyConfigured(
        f"DJANGO_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {LOG_LEVEL!r}."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "{asctime} {levelname} {name} [pid {process}] {message}", "style": "{"}
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "line", "level": LOG_LEVEL}
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    # Django's own default sends errors to ADMINS by e-mail (none here) and prints only in debug.
    "loggers": {"django": {"handlers": ["stderr"], "level": LOG_LEVEL, "propagate": False}},
}

# Organizers log in through the admin at this path (e.g. "backstage/"), guarded by django-axes:
# after DJANGO_AXES_FAILURE_LIMIT wrong passwords for one username from one address, that pair
# is locked out for DJANGO_AXES_COOLOFF_MINUTES.
ADMIN_URL = env("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
LOGIN_URL = "admin:login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("DJANGO_AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# How many proxies (load balancer, ...) stand before the app: see waic_site/client_ip.py.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "waic_site.client_ip.client_ip"
# A username longer than axes' columns is recorded cut to their length (waic_site/login.py).
AXES_USERNAME_CALLABLE = "waic_site.login.axes_username"

# Spreadsheet imports (directory/imports.py): larger files, files with more rows and XLSX files
# that unpack to more are refused with a form error; an uploaded file waits in the cache this
# long for the organizer to confirm its preview.
WAIC_IMPORT_MAX_BYTES = env_int("WAIC_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
WAIC_IMPORT_MAX_ROWS = env_int("WAIC_IMPORT_MAX_ROWS", 5000)
WAIC_IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("WAIC_IMPORT_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024)
WAIC_IMPORT_FILE_SECONDS = env_int("WAIC_IMPORT_FILE_SECONDS", 3600)

# Uploaded images (directory/images/processing.py): larger files or images are refused with a
# form error; originals longer than WAIC_IMAGE_MAX_SIDE pixels are stored downscaled to it.
WAIC_IMAGE_MAX_BYTES = env_int("WAIC_IMAGE_MAX_BYTES", 10 * 1024 * 1024)
WAIC_IMAGE_MAX_PIXELS = env_int("WAIC_IMAGE_MAX_PIXELS", 40_000_000)
WAIC_IMAGE_MAX_SIDE = env_int("WAIC_IMAGE_MAX_SIDE", 3000)
# The memory an upload may take once decoded (width × height × bytes per pixel, from its header,
# before decoding): 64 MiB is a 4096 × 4096 PNG with transparency. JPEGs are decoded at a reduced
# scale first when larger than WAIC_IMAGE_MAX_SIDE, so photos within the pixel limit fit.
WAIC_IMAGE_MAX_DECODED_BYTES = env_int("WAIC_IMAGE_MAX_DECODED_BYTES", 64 * 1024 * 1024)

# Spreadsheet import and export in the admin (django-import-export): importing needs the
# "change" permission of the model, exporting "view"; the Organizers group has both.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True

# The open data API (/api/v1/, waic_site/api/): read-only JSON for anyone, no logins.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "waic_site.api.schema.DirectoryAutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": _("WAIC Directory open data API"),
    "DESCRIPTION": _(
        "Published speakers, sessions, exhibitors and products of the World Artificial "
        "Intelligence Conference, with the filters of the site's listings. Read-only JSON, "
        "any origin may fetch it. Responses carry ETag and Last-Modified: send them back "
        "(If-None-Match, If-Modified-Since) for a 304 while nothing changed."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The document names the records that exist (slug enums): it is built from the database,
    # so `check --deploy` (which may run before the database is reachable) does not build it;
    # the test suite does, and fuzzes the API against it.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "SWAGGER_UI_DIST": "SIDECAR",  # served from our own static files, never a CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
