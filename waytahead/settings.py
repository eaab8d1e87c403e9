"""Settings for The Way Ahead.

One module for every environment: production differs from development only by
environment variables (see README, "Configuration"). Defaults are safe for
production: DEBUG is off and a secret key is required unless DEBUG is on.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from corsheaders.defaults import default_headers as default_cors_headers
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

# --- Core ---------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 (DEBUG only)

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin.
    "modeltranslation",
    "waytahead.admin_site.AdminConfig",  # django.contrib.admin, with the headway dashboard
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "import_export",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rosetta",
    "common.apps.CommonConfig",
    "accounts",
    "directory",
    "engagement",
    "webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "common.middleware.ConditionalGetMiddleware",
    "common.throttling.RateLimitHeadersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.InvalidFormStatusMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "waytahead.urls"
WSGI_APPLICATION = "waytahead.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "common.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------
# SQLite under var/ is the embedded default; set DATABASE_URL for PostgreSQL.
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Permissions come from django-rules only; the sign-in backends grant none.
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.PasswordBackend",
    "accounts.backends.AccountBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

# django-allauth: sign in by email, verified before the account can be used.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# allauth's emails name the site ("[The Way Ahead] ..."), link to SITE_URL and are written in
# the recipient's language: accounts/adapter.py.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key", "signup": "20/h/ip"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "The Way Ahead"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation ---------------------------------------------------------
# English plus the nine most spoken other main languages in London (Census 2021).
# Django ships no Gujarati locale, so it is declared here; Django's own strings
# then fall back to English while ours come from locale/gu.
LANG_INFO["gu"] = {"bidi": False, "code": "gu", "name": "Gujarati", "name_local": "ગુજરાતી"}
LANG_INFO["pa"] = {**LANG_INFO["pa"], "name_local": "ਪੰਜਾਬੀ"}

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ro", _("Romanian")),
    ("es", _("Spanish")),
    ("pl", _("Polish")),
    ("bn", _("Bengali")),
    ("pt", _("Portuguese")),
    ("gu", _("Gujarati")),
    ("it", _("Italian")),
    ("pa", _("Punjabi")),
    ("ar", _("Arabic")),
]
# Our own catalogues first; then the translations Django and django-allauth do not ship
# (or ship incomplete) for our languages: bn, gu and pa, and Django's gaps in the others.
# (allauth ships pt_PT, not "pt"; Python's gettext reads "pt" as pt_PT, so that is used.)
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "vendor" / "allauth" / "locale",
    BASE_DIR / "vendor" / "django" / "locale",
]
USE_I18N = True
# Our own date formats where Django's do not suit London (en) or are missing (gu).
FORMAT_MODULE_PATH = ["waytahead.formats"]
USE_TZ = True
TIME_ZONE = "Europe/London"
LANGUAGE_COOKIE_NAME = "waytahead_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# Text missing in the page's language is shown in English, or else in the language it was
# written in: a listing proposed in Bengali is read in Bengali until someone translates it.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": tuple(code for code, _name in LANGUAGES)}

# --- Static files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Email ----------------------------------------------------------------------
# The console in development; SMTP (or any backend django-environ knows) otherwise.
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(_email)
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="The Way Ahead <no-reply@waytahead.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------
# Secure by default: with DJANGO_DEBUG off, HTTPS is required (redirect, HSTS, secure
# cookies) unless an environment turns it off explicitly, as a local plain-HTTP run does
# (.env.local-http.example, the test settings in pyproject.toml, the benchmarks).
SECURE_BY_DEFAULT = not DEBUG
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env.bool("DJANGO_SECURE_PROXY_SSL", default=False)
    else None
)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=SECURE_BY_DEFAULT)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int(
    "DJANGO_SECURE_HSTS_SECONDS", default=31_536_000 if SECURE_BY_DEFAULT else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=SECURE_BY_DEFAULT
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=SECURE_BY_DEFAULT)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = env.str("DJANGO_SECURE_REFERRER_POLICY", default="same-origin")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=SECURE_BY_DEFAULT)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=SECURE_BY_DEFAULT)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): nothing is loaded from outside the site,
# and the header is sent in development too so that problems show early.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- REST API (Django REST framework, drf-spectacular) ------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["common.renderers.FastJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "common.pagination.StrictPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "common.throttling.AnonymousRateThrottle",
        "common.throttling.PartnerRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("DJANGO_API_ANON_RATE", default="120/min"),
        "partner": env.str("DJANGO_API_PARTNER_RATE", default="1200/min"),
    },
    "EXCEPTION_HANDLER": "common.api_errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "The Way Ahead directory API",
    "DESCRIPTION": (
        "Open data about London's civil-society organisations, kept up to date by the "
        "community. Read access needs no key; partners may send a token "
        "(`Authorization: Token <key>`) issued by staff for higher rate limits. "
        "Data licence: CC BY 4.0."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {"name": "CC BY 4.0 (data)", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.schema.document_errors_and_constraints",
    ],
}

# CORS: open data is readable from any origin; nothing else is.
OPEN_DATA_URLS_REGEX = r"^/(api|openreferral|data)/.*$"
CORS_URLS_REGEX = OPEN_DATA_URLS_REGEX
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# Conditional requests from a browser, and the headers a partner's script may read.
CORS_ALLOW_HEADERS = (*default_cors_headers, "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Link",
    "Content-Language",
    "Retry-After",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
]
# How long a shared cache may serve a public read of the open data before asking again.
OPEN_DATA_MAX_AGE = env.int("DJANGO_OPEN_DATA_MAX_AGE", default=60)

# --- Caches ----------------------------------------------------------------------
CACHES = {"default": env.cache("DJANGO_CACHE_URL", default="locmemcache://waytahead")}

# --- Celery -------------------------------------------------------------------------
# Without a broker, tasks run eagerly in the web process (the embedded default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL) or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Headway figures are published from snapshots taken on this schedule: "monthly" (the
# first of each month) or "weekly" (each Monday), at 03:00.
HEADWAY_SNAPSHOT_SCHEDULE = env.str("DJANGO_HEADWAY_SNAPSHOT_SCHEDULE", default="monthly")
if HEADWAY_SNAPSHOT_SCHEDULE not in ("monthly", "weekly"):
    raise ImproperlyConfigured("DJANGO_HEADWAY_SNAPSHOT_SCHEDULE must be monthly or weekly.")
CELERY_BEAT_SCHEDULE = {
    "headway-snapshot": {
        "task": "engagement.tasks.headway_snapshot_take",
        "schedule": (
            crontab(minute=0, hour=3, day_of_month=1)
            if HEADWAY_SNAPSHOT_SCHEDULE == "monthly"
            else crontab(minute=0, hour=3, day_of_week=1)
        ),
    },
    # The daily tasks: each runs every 24 hours.
    **{
        name: {"task": task, "schedule": 60 * 60 * 24}
        for name, task in (
            ("stale-listing-reminders", "directory.tasks.stale_listing_reminders_send"),
            ("moderation-digest", "directory.tasks.moderation_digest_send"),
            ("personal-data-retention", "engagement.tasks.personal_data_retention_apply"),
            ("insight-reminders", "engagement.tasks.insight_reminders_send"),
            ("monitoring-invitations", "engagement.tasks.monitoring_invitations_send"),
            # Equality monitoring answers are stored once a day, in a shuffled batch.
            ("monitoring-batch-write", "engagement.tasks.monitoring_batch_write"),
        )
    },
    # Webhooks: the retries that have come due, and changes a run on commit missed.
    "webhooks-send-due": {"task": "webhooks.tasks.send_due", "schedule": 60},
}
# Webhooks (webhooks/): how long a receiver has to answer, in seconds; how many attempts
# before a delivery is given up; and whether addresses on a private network or this
# machine may be registered (always when DEBUG is on).
WEBHOOKS_TIMEOUT = 5
WEBHOOKS_MAX_ATTEMPTS = 10
WEBHOOKS_ALLOW_PRIVATE = False

# --- Product settings -------------------------------------------------------------
# Benchmark baseline views under /bench/ (bench/); never on in production.
BENCH_VIEWS = env.bool("WAYTAHEAD_BENCH_VIEWS", default=False)
# Counts below this are suppressed in every public or partner aggregate.
SMALL_NUMBER_THRESHOLD = env.int("SMALL_NUMBER_THRESHOLD", default=5)
# Percentages whose base is below this are suppressed.
SMALL_BASE_THRESHOLD = env.int("DJANGO_SMALL_BASE_THRESHOLD", default=10)
# Participants' personal data is deleted after this many months.
PERSONAL_DATA_RETENTION_MONTHS = env.int("DJANGO_PERSONAL_DATA_RETENTION_MONTHS", default=24)
# Listings not confirmed for this many days are flagged as stale.
STALE_LISTING_DAYS = env.int("DJANGO_STALE_LISTING_DAYS", default=365)

# Community correction of the interface translations (django-rosetta): members of the
# "Translators" group edit the catalogues in the browser; changes land in the .po files,
# where they are reviewed like code before they are committed.
# The admin's import and export buttons ask rules for "<app>.import_<model>" and
# "<app>.export_<model>"; simple-history's own revert button is off, so that a revert
# goes through the compare page and services.organisation_revert.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
SIMPLE_HISTORY_REVERT_DISABLED = True

ROSETTA_ACCESS_CONTROL_FUNCTION = "accounts.translators.can_translate"
ROSETTA_MESSAGES_PER_PAGE = 25
ROSETTA_SHOW_AT_ADMIN_PANEL = False  # the admin index links to it instead
ROSETTA_EXCLUDED_APPLICATIONS = [
    "django",
    "allauth",
    "rest_framework",
    "import_export",
    "simple_history",
]
ROSETTA_WSGI_AUTO_RELOAD = False
ROSETTA_ENABLE_TRANSLATION_SUGGESTIONS = False
ROSETTA_POFILE_WRAP_WIDTH = 0

OPEN_DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}

# --- Logging --------------------------------------------------------------------
# Logs go to stderr; request bodies and personal data are never logged. Records about
# the equality monitoring and feedback routes carry no address and only the month
# (common/log_privacy.py; gunicorn's access log: waytahead/gunicorn_logging.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"private_routes": {"()": "common.log_privacy.PrivateRouteFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        # Django's own development-server format, repeated to add the filter.
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"filters": ["private_routes"]},
        "django.security.csrf": {"filters": ["private_routes"]},
        "django.server": {
            "handlers": ["django.server"],
            "filters": ["private_routes"],
            "level": "INFO",
            "propagate": False,
        },
    },
}

ADMIN_SITE_HEADER = "The Way Ahead"

# django-modeltranslation's tabbed admin: the vendored jQuery UI, never a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
JQUERY_URL = "admin/js/vendor/jquery/jquery.min.js"
