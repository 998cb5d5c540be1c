"""Coopbase settings: one module, driven by environment variables.

Local defaults are safe for a developer's machine (SQLite, local-memory cache, DEBUG on only
when asked). With DJANGO_DEBUG off, the project refuses to start without a real secret key
and an explicit list of allowed hosts.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.field_labels import translated_field_label
from config.media_storage import media_storage

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

_INSECURE_KEY = "django-insecure-local-development-key-not-for-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", _INSECURE_KEY if DEBUG else "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

if not DEBUG:
    if not SECRET_KEY or SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random value of 50+ characters when "
            "DJANGO_DEBUG is off."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before django.contrib.admin.
    "modeltranslation",
    # django.contrib.admin, its date fields giving an example (config.admin_dates).
    "config.apps.BackOfficeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # intcomma: figures grouped as the reader's language groups them (1,234; Chinese: 1234).
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_countries",
    "django_filters",
    # The rich-text editor of article bodies (its static files).
    "django_prose_editor",
    "import_export",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "drf_spectacular_sidecar",
    "accounts.apps.LoginThrottlingConfig",  # django-axes
    # Versions of records (who changed what, when), restore and recover.
    "reversion",
    "cooperation.apps.BackgroundTasksConfig",  # django-tasks-db: the queue of TASKS below
    "accounts",
    "cooperation",
    "news",
    "portal",
    "dashboard",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The open data's CORS headers (CORS_* below), on its answers from the page cache too.
    "corsheaders.middleware.CorsMiddleware",
    "config.middleware.RequestBodyLimitMiddleware",
    # Before the page cache, which reads the versions with a page and passes them on.
    "config.middleware.ContentVersionsPerRequest",
    # Anonymous portal pages: a hit skips everything below (see portal/cache.py).
    "portal.cache.AnonymousPageCacheMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    # A 404 for an address staff redirected (the former website's): the redirect instead.
    "portal.redirects.RedirectFallbackMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The language a signed-in user chose, on the pages whose URL names none.
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite file by default, anything dj-database-url understands otherwise
# (postgres://user@host:5432/name uses psycopg 3).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")),
            # Statement timeout in milliseconds: a runaway query never holds a worker. The
            # planner's cost of a random page read, for data on SSD or in memory rather than
            # PostgreSQL's default of 4 (spinning disks): with 4 it walks 80,000 articles
            # down the primary key for a two-word search that the full-text index answers
            # in a fifth of the time (README, Benchmarks).
            "options": (
                f"-c statement_timeout={int(os.environ.get('DATABASE_STATEMENT_TIMEOUT_MS', '15000'))}"
                f" -c random_page_cost={float(os.environ.get('DATABASE_RANDOM_PAGE_COST', '1.1'))}"
            ),
        }
    )
else:
    # SQLite has no covering indexes: there Django builds the directory's selection index
    # (cooperation.0005) on its key alone, and says so once per included column.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Anonymous portal pages are cached (portal/cache.py); off by default while developing.
PORTAL_PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", default=not DEBUG)
# Each worker also keeps the pages it served, for this many seconds after confirming the
# content version with the shared cache (a change by another worker shows within them; 0: off),
# in at most this many bytes.
PORTAL_PAGE_CACHE_LOCAL_SECONDS = float(
    os.environ.get("DJANGO_PAGE_CACHE_LOCAL_SECONDS", "0" if DEBUG else "1")
)
PORTAL_PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("DJANGO_PAGE_CACHE_LOCAL_MB", "8")) * 2**20
# A streamed answer (a CSV export) is stored once sent whole, up to this size: the whole
# directory's export at 100,000 projects is 26 MB and takes 4.6 s to make.
PORTAL_PAGE_CACHE_STREAMED_BYTES = (
    int(os.environ.get("DJANGO_PAGE_CACHE_STREAMED_MB", "32")) * 2**20
)
# And a copy of the values it kept or read under content versions (counts, sidebars, cards:
# config.content_version.LocalCopies), in at most this many bytes.
CONTENT_LOCAL_COPIES_BYTES = int(os.environ.get("DJANGO_CONTENT_LOCAL_COPIES_MB", "8")) * 2**20

# Cache: Redis when REDIS_URL is set; else, in production, files shared by the machine's
# worker processes; local memory while developing (one process).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Fails open: a Redis outage makes every read a miss, never an error page.
            "BACKEND": "config.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "coopbase"),
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
elif not DEBUG:
    # One machine without Redis. The content version (config.content_version) must be one
    # for all the server's worker processes: with a cache in each process's memory, a change
    # bumped the saving worker's alone, and the others served their pages, an unpublished
    # record's too, for five minutes more. A directory on the machine is shared by all of
    # them, and by management commands.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR", str(BASE_DIR / ".cache" / "django")),
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "coopbase"),
            "TIMEOUT": 300,
            # A file per page, kept value and card: at most some 200 MB.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "coopbase",
            "TIMEOUT": 300,
            # Pages, kept values and a card per record share it: Django's 300 entries were
            # full after a dozen directory pages, and each cull dropped a third of them.
            # Cards are about 1 KB and pages 10-40 KB: at most some 40 MB a process.
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }

# The page chrome ({% cache %} in the header and footer): the same for every page of a
# language, so each worker renders it once. Rendered afresh while developing, so that
# template edits show.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends."
    + ("dummy.DummyCache" if DEBUG else "locmem.LocMemCache"),
    "LOCATION": "template-fragments",
    "TIMEOUT": None,
}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:landing"
LOGOUT_REDIRECT_URL = "portal:home"
# django-axes checks every login attempt first; ModelBackend then authenticates.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2 first; the others stay so that older hashes still verify and are upgraded on login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions live in the database so that a cache outage never logs staff out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_AGE", str(12 * 60 * 60)))
PASSWORD_RESET_TIMEOUT = 2 * 60 * 60
# Password-reset mails (accounts.reset_limits): at most this many an hour to one e-mail
# address and from one client address; past that the form answers as usual and sends none.
PASSWORD_RESET_MAILS_PER_ADDRESS = int(os.environ.get("DJANGO_PASSWORD_RESET_MAILS", "3"))
PASSWORD_RESET_REQUESTS_PER_CLIENT = int(os.environ.get("DJANGO_PASSWORD_RESET_REQUESTS", "20"))

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one account, or from
# one address, further attempts are refused for the cool-off time with a 429 page. Failures
# are kept in the database (the cache may be down); a success resets the account's count.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.audit.client_ip"
AXES_USERNAME_CALLABLE = "accounts.audit.throttled_username"
# Logins and logouts are recorded by accounts.AuditEvent; axes keeps only its counters.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Behind N trusted reverse proxies the client address is the Nth from the right of
# X-Forwarded-For; 0 (the default) uses the connection's address.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# Readiness detail (/readyz) for monitoring: staff see it, or anyone sending this token.
HEALTH_CHECK_TOKEN = os.environ.get("DJANGO_HEALTH_TOKEN", "")

# Languages: Simplified Chinese first (the default), English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
# The base's name where code writes it (feeds, the dashboard's report, structured data); the
# templates write it with the same translated string.
SITE_NAME = _("International S&T Cooperation Base")
LOCALE_PATHS = [BASE_DIR / "locale"]
# Chinese numbers grouped in threes (config/formats/zh_Hans): 3,200,000.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Shanghai")
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_LANGUAGES = ("zh-hans", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("zh-hans", "en")}
# A translated field's label names its language in words: "Title (English)", "标题（英文）".
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = translated_field_label

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads: in MEDIA_ROOT, or in an S3-compatible bucket (media_storage above), whose
# MEDIA_URL is then a whole address: no app server serves it.
_media_storage, MEDIA_URL = media_storage(os.environ)
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "config.static_files.StaticFilesStorage"
        )
    },
}

# In development whitenoise serves straight from the source folders, re-reading changes.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Request limits: large enough for a cover image, small enough to refuse abuse.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
# Whole request bodies (uploads included): an image may be 10 MB, a spreadsheet a little more.
MAX_REQUEST_BODY_BYTES = int(os.environ.get("DJANGO_MAX_REQUEST_MB", "20")) * 1024 * 1024

# Content Security Policy (Django's own): no inline scripts or styles anywhere.
# The rich-text editor (django-prose-editor's Tiptap) adds the base styles ProseMirror needs
# (whitespace kept as typed, the selection's and the cursor's looks) in a <style> element,
# with no way to pass it our nonce: allowed by the hash of that exact text. A release of the
# editor that changes it fails tests/news/test_browser_editor.py until this is updated.
RICH_TEXT_EDITOR_STYLE = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE, RICH_TEXT_EDITOR_STYLE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Media in a bucket: its images come from the bucket's (or the CDN's) origin.
if urlsplit(MEDIA_URL).netloc:
    SECURE_CSP["img-src"].append("{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A form refused for its security token: a page that says why and how to send it again.
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Django 6.1 mailers: the console backend prints mail (password resets) on a development
# machine; elsewhere SMTP, configured from the environment.
if DEBUG:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                "timeout": 10,
            },
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "coopbase@localhost")

# Background work (Django's tasks): the workflow's e-mails (cooperation.notifications).
# "immediate" (the default: one process, as make run) runs a task in the request that
# enqueues it; "database" queues it in the database (django-tasks-db) for `manage.py
# db_worker`, a second process, so that a slow mail server holds up no request. A failed
# task is logged ("django.tasks"), not raised.
TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_tasks = os.environ.get("DJANGO_TASKS", "immediate")
if _tasks not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"DJANGO_TASKS must be one of {', '.join(TASK_BACKENDS)}, not {_tasks!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_tasks]}}

# Spreadsheet import and export in the admin (django-import-export). Every import runs in
# one transaction: a bad row means nothing is written. Export escaping is done by our own
# formats (cooperation/spreadsheets.py), which cover = + - @ tab and CR, not just "=".
IMPORT_EXPORT_USE_TRANSACTIONS = True
# The most rows a spreadsheet import takes (config.spreadsheets.TooManyRows): each step runs
# in one request, some 15 s for 10,000 rows here, under gunicorn's default 30 s timeout.
IMPORT_MAX_ROWS = int(os.environ.get("DJANGO_IMPORT_MAX_ROWS", "10000"))
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES = True
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.TempFolderStorage"

# The open data API (/api/v1/): public, read-only, throttled per client address.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.OpenDataRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("DJANGO_API_RATE", "120/minute")},
    # Behind N trusted proxies, the client address is the Nth from the right (as for logins).
    "NUM_PROXIES": int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0")),
}
# The open data may be read by a page of any site (a journalist's chart, another base's
# portal): the API and the portal's exports answer any origin, read-only and without cookies,
# and let a script read their caching headers and send them back.
CORS_URLS_REGEX = r"^/(?:api/v1/|[\w-]+/(?:[\w-]+/)*export\.(?:csv|json)$)"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Link", "Content-Disposition")
# The terms under which the open data (the API, the exports, the feeds) may be reused: named
# on the portal's open data page, in its schema.org catalogue, the API schema and a
# `Link: rel="license"` header of every answer. The base decides them; CC BY 4.0 by default.
OPEN_DATA_LICENSE_NAME = os.environ.get("DJANGO_OPEN_DATA_LICENSE_NAME", "CC BY 4.0")
OPEN_DATA_LICENSE_URL = os.environ.get(
    "DJANGO_OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
SPECTACULAR_SETTINGS = {
    "TITLE": "Coopbase open data API",
    "LICENSE": {"name": OPEN_DATA_LICENSE_NAME, "url": OPEN_DATA_LICENSE_URL},
    "DESCRIPTION": (
        "Public, read-only records of the international S&T cooperation base: projects, "
        "partner countries, institutions, research fields, units, researchers, awards, "
        "achievements, exchanges and news. Every text field comes in both languages "
        "(`_zh_hans` and `_en`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No deep links: Swagger UI puts each operation's link (#/tag/operation) inside the
    # button that opens it, a link in a button that keyboards and screen readers cannot
    # tell apart (axe: nested-interactive, serious). Each operation still opens in place.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ProjectKindEnum": "cooperation.models.ProjectKind",
        "InstitutionKindEnum": "cooperation.models.InstitutionKind",
        "ProjectStatusEnum": "cooperation.models.ProjectStatus",
    },
}

# Demo accounts exist only where demo data is loaded on a development machine.
COOPBASE_ALLOW_DEMO_ACCOUNTS = DEBUG

# The level is on the handler too: records of Django's own loggers (django.tasks' INFO lines)
# reach the root's handler as well, and were printed twice on a development machine.
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": LOG_LEVEL}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
