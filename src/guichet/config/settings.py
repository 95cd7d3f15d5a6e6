"""Settings, read from the environment with safe defaults.

Demo mode (the default) runs on an SQLite file and a secret generated once into the var
directory. ``GUICHET_ENV=production`` refuses to start with DEBUG on or without a secret.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # src/guichet
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("GUICHET_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("GUICHET_ENV", "demo").strip().lower()
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)
# Demo hints (the current one-time code shown for demo staff accounts) never run in production.
DEMO_HINTS = env_bool("GUICHET_DEMO_HINTS", not PRODUCTION)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "GUICHET_ENV=production needs SECRET_KEY: set it to a long random string "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

if PRODUCTION and DEBUG:
    raise ImproperlyConfigured(
        "GUICHET_ENV=production refuses to start with DEBUG on: unset DEBUG."
    )
if PRODUCTION and DEMO_HINTS:
    raise ImproperlyConfigured(
        "GUICHET_ENV=production refuses to start with GUICHET_DEMO_HINTS on: unset it."
    )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver,[::1]"
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("GUICHET_ENV=production needs ALLOWED_HOSTS (comma-separated).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "guichet.accounts",
    "guichet.audit",
    "guichet.notify",
    "guichet.ops",
    "guichet.catalog",
    "guichet.guidance",
    "guichet.datahub",
    "guichet.cases",
    "guichet.centres",
    "guichet.hotline",
    "guichet.web",
    "guichet.demo",
]

MIDDLEWARE = [
    "guichet.ops.middleware.RequestContextMiddleware",
    "guichet.config.problems.ApiProblemMiddleware",
    "guichet.ops.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "guichet.accounts.middleware.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "guichet.config.urls"
WSGI_APPLICATION = "guichet.config.wsgi.application"

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
                "guichet.web.context_processors.shell",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'guichet.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so read-then-write transactions (the audit
        # chain, ticket numbers) serialise instead of failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get(
        "GUICHET_TEST_DB_NAME", "test_guichet"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and login ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
OIDC_ENABLED = env_bool("GUICHET_OIDC_ENABLED", False)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "guichet.accounts.backends.EmailOrPhoneBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env_list(
    "GUICHET_PASSWORD_HASHERS",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
)
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("guichet.accounts.oidc.NationalIdentityBackend")
    OIDC_RP_CLIENT_ID = os.environ["OIDC_RP_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ["OIDC_RP_CLIENT_SECRET"]
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["OIDC_OP_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["OIDC_OP_USER_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
    OIDC_NATIONAL_ID_CLAIM = os.environ.get("OIDC_NATIONAL_ID_CLAIM", "national_id")

AXES_FAILURE_LIMIT = int(os.environ.get("GUICHET_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("GUICHET_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("GUICHET_PROXY_COUNT", "0")) or None
OTP_TOTP_ISSUER = os.environ.get("GUICHET_OTP_ISSUER", "Guichet")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("GUICHET_SESSION_SECONDS", str(8 * 3600)))

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("fr", _("French")),
    ("th", _("Thai")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
CURRENCY = os.environ.get("GUICHET_CURRENCY", "CNY")

# --- Static files, uploads, storage ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("GUICHET_STATIC_ROOT", PROJECT_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("GUICHET_MEDIA_ROOT", VAR_DIR / "media"))
MAX_UPLOAD_MB = int(os.environ.get("GUICHET_MAX_UPLOAD_MB", "20"))
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_MB * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if os.environ.get("GUICHET_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["GUICHET_S3_BUCKET"],
            "endpoint_url": os.environ.get("GUICHET_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("GUICHET_S3_REGION") or None,
            "access_key": os.environ.get("GUICHET_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("GUICHET_S3_SECRET_KEY") or None,
            "default_acl": None,
            "querystring_auth": True,
        },
    }

# Documents people hand in live apart from everything else: never under a web root, served
# only through a view that checks who asks (see datahub.files).
MAX_DOCUMENT_MB = int(os.environ.get("GUICHET_MAX_DOCUMENT_MB", "10"))
if os.environ.get("GUICHET_S3_BUCKET"):
    STORAGES["documents"] = {
        "BACKEND": STORAGES["default"]["BACKEND"],
        "OPTIONS": {**STORAGES["default"]["OPTIONS"], "location": "documents"},
    }
else:
    STORAGES["documents"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(Path(os.environ.get("GUICHET_DOCUMENT_ROOT", VAR_DIR / "documents"))),
            "base_url": None,
        },
    }

# --- E-mail and SMS -------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Guichet <no-reply@guichet.invalid>")
SMS_BACKEND = os.environ.get("GUICHET_SMS_BACKEND", "guichet.notify.sms.LoggingSmsBackend")

# --- Background tasks -----------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("GUICHET_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
OUTBOX_RETRY_BASE_SECONDS = float(os.environ.get("GUICHET_OUTBOX_RETRY_BASE_SECONDS", "10"))
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("GUICHET_OUTBOX_MAX_ATTEMPTS", "10"))
WORKER_HEARTBEAT_MAX_AGE_SECONDS = 60

# --- Cache (rate limits) --------------------------------------------------------------------
# A shared cache (Redis) makes rate limits city-wide across web processes; the default keeps
# them per process, which needs nothing else installed.
CACHES = {
    "default": {
        "BACKEND": os.environ.get(
            "GUICHET_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": os.environ.get("GUICHET_CACHE_LOCATION", "guichet"),
    }
}
PUBLIC_WRITE_RATE = os.environ.get("GUICHET_PUBLIC_WRITE_RATE", "20/h")

# --- Security headers -----------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("GUICHET_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("GUICHET_HSTS_SECONDS", "31536000")) if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
if env_bool("GUICHET_BEHIND_PROXY", PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Logging: one JSON object per line, with the request id ---------------------------------
LOG_LEVEL = os.environ.get("GUICHET_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "guichet.ops.logging.RequestContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request"]}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # One line per task run drowns everything else; failures still log as errors.
        "django_tasks": {"level": os.environ.get("GUICHET_TASK_LOG_LEVEL", "WARNING")},
        "django_tasks_db": {"level": os.environ.get("GUICHET_TASK_LOG_LEVEL", "WARNING")},
    },
}

# --- The deployment's public identity (catalogue exports, schema.org data) ------------------
# Stable IRIs in the CPSV-AP export are minted under this address; set it to the portal's URL.
GUICHET_PUBLIC_BASE_URL = os.environ.get("GUICHET_PUBLIC_BASE_URL", "https://guichet.example")
# The territory the city's departments serve (CPSV-AP dct:spatial), e.g. a Wikidata or
# national gazetteer IRI; empty means an IRI under the public base URL.
GUICHET_JURISDICTION_URI = os.environ.get("GUICHET_JURISDICTION_URI", "")
GUICHET_CITY_NAME = os.environ.get("GUICHET_CITY_NAME", "")

# --- Once only: identity numbers, signatures, working days ---------------------------------
# How a person's national identity number is checked (a dotted path to a callable that
# returns the normalised number or raises ValidationError); GB 11643 for the demo country.
GUICHET_PERSON_ID_VALIDATOR = os.environ.get(
    "GUICHET_PERSON_ID_VALIDATOR", "guichet.datahub.identity.validate_resident_id"
)
# Private signing keys are stored encrypted under this passphrase (SECRET_KEY when unset).
GUICHET_SIGNING_KEY_SECRET = os.environ.get("GUICHET_SIGNING_KEY_SECRET", "")
# Public holidays and adjusted working days come from the `holidays` package for this country
# (and subdivision); a deployment adds its own closures or extra working days as ISO dates.
GUICHET_HOLIDAY_COUNTRY = os.environ.get("GUICHET_HOLIDAY_COUNTRY", "CN")
GUICHET_HOLIDAY_SUBDIVISION = os.environ.get("GUICHET_HOLIDAY_SUBDIVISION", "") or None
GUICHET_EXTRA_HOLIDAYS = env_list("GUICHET_EXTRA_HOLIDAYS", "")
GUICHET_EXTRA_WORKING_DAYS = env_list("GUICHET_EXTRA_WORKING_DAYS", "")

# --- Service centres --------------------------------------------------------------------------
# A kiosk forgets its visitor after this much inactivity; wrong status/drop-box lookups per
# address are limited; the call board polls this often.
GUICHET_KIOSK_IDLE_SECONDS = int(os.environ.get("GUICHET_KIOSK_IDLE_SECONDS", "60"))
GUICHET_KIOSK_LOOKUP_RATE = os.environ.get("GUICHET_KIOSK_LOOKUP_RATE", "20/h")
GUICHET_BOARD_POLL_SECONDS = float(os.environ.get("GUICHET_BOARD_POLL_SECONDS", "2.5"))
# Appointments: how many missed ones (within how many days) stop online booking.
GUICHET_NO_SHOW_LIMIT = int(os.environ.get("GUICHET_NO_SHOW_LIMIT", "3"))
GUICHET_NO_SHOW_DAYS = int(os.environ.get("GUICHET_NO_SHOW_DAYS", "90"))
GUICHET_BOOKING_DAYS_AHEAD = int(os.environ.get("GUICHET_BOOKING_DAYS_AHEAD", "30"))

# --- 12345 hotline --------------------------------------------------------------------------
# Size limits of reporters' photos and videos, in MB.
GUICHET_HOTLINE_IMAGE_MB = int(os.environ.get("GUICHET_HOTLINE_IMAGE_MB", "10"))
GUICHET_HOTLINE_VIDEO_MB = int(os.environ.get("GUICHET_HOTLINE_VIDEO_MB", "50"))
# The classifier's confidence above which a request is dispatched without a dispatcher.
GUICHET_DISPATCH_THRESHOLD = float(os.environ.get("GUICHET_DISPATCH_THRESHOLD", "0.6"))
# Days a reply waits for the reporter's feedback before the request closes by itself.
GUICHET_HOTLINE_FEEDBACK_DAYS = int(os.environ.get("GUICHET_HOTLINE_FEEDBACK_DAYS", "7"))
# How near (metres) an open request of the same category must be to be offered as a duplicate.
GUICHET_DUPLICATE_RADIUS_M = int(os.environ.get("GUICHET_DUPLICATE_RADIUS_M", "300"))
# Reports sent from the public web and kiosk pages, per client address ("10/h", "30/d"…).
GUICHET_HOTLINE_REPORT_RATE = os.environ.get("GUICHET_HOTLINE_REPORT_RATE", "10/h")
# The Open311 jurisdiction_id this platform answers to (empty: any jurisdiction_id is accepted),
# and how many reports an Open311 client may post per API key and per address.
GUICHET_OPEN311_JURISDICTION = os.environ.get("GUICHET_OPEN311_JURISDICTION", "guichet.example")
GUICHET_OPEN311_RATE = os.environ.get("GUICHET_OPEN311_RATE", "300/h")
# A Maildir folder the hotline's mailbox is delivered to; read every 5 minutes when set.
GUICHET_HOTLINE_MAILDIR = os.environ.get("GUICHET_HOTLINE_MAILDIR", "")

# --- API ------------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 50
