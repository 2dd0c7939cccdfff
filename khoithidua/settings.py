"""One settings module, driven by the environment: SQLite and DEBUG for a zero-setup start,
PostgreSQL by one variable (DATABASE_URL), production hardening by DEBUG=0."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-khoithidua"  # noqa: S105 - development only
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "khoithidua.middleware.csrf_failure"

INSTALLED_APPS = [
    # Our apps first: their Vietnamese catalogues then win over Django's for shared words
    # ("Remove", "Save"), which Django's admin translates for its own context.
    "revisions",
    "documents",
    "members",
    "pledges",
    "awards",
    "province",
    "signing",
    "khoithidua",
    "audit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bootstrap",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "khoithidua.middleware.LanguageMiddleware",
    "khoithidua.middleware.MethodNotAllowedPageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "khoithidua.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers a locked-out login before the view runs.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "khoithidua.urls"
WSGI_APPLICATION = "khoithidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            "builtins": ["documents.templatetags.vn"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", 60),
    )
}
# On PostgreSQL, Django reads .iterator() — and so every ModelChoiceField's options — through a
# server-side cursor WITH HOLD: DECLARE, FETCH and CLOSE, three round trips and a result the server
# copies out at commit, for a dozen rows. Our pages never stream large results, so plain cursors
# (one round trip; also what a PgBouncer in transaction mode needs).
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# PostgreSQL plans each query anew unless it is prepared: a page's ten queries cost it 2-3 ms of
# planning, on the same cores as the app. With the parameters bound on the server, psycopg
# prepares a query the fifth time a connection runs it (CONN_MAX_AGE keeps connections). Turn
# off behind a pooler that cannot keep prepared statements (PgBouncer in transaction mode
# before 1.21).
ON_POSTGRESQL = DATABASES["default"]["ENGINE"].endswith("postgresql")
if ON_POSTGRESQL and envbool("DB_PREPARED_STATEMENTS", True):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Invitations and forgotten passwords share Django's one-time link; an invitation may wait a week.
PASSWORD_RESET_TIMEOUT = envint("PASSWORD_RESET_DAYS", 7) * 24 * 3600

# E-mail: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "khoithidua <noreply@localhost>")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Evidence files (minh chứng): a technical limit of the server, not a rule of the bloc.
EVIDENCE_MAX_BYTES = envint("EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
# Technical limits of an Excel import (documents/spreadsheets.py): rows read, and the size the
# .xlsx archive may unpack to, checked before parsing. One accepted import is one transaction
# of at most this many rows.
# PKCS#11 modules (tokens, HSMs) the server offers for signing, "name=path,name=path": a user
# picks one by name and never types a library path (loading a library runs its code).
SIGNING_PKCS11_MODULES = dict(
    item.split("=", 1) for item in envlist("SIGNING_PKCS11_MODULES") if "=" in item
)
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", 1000)
IMPORT_MAX_UNPACKED_BYTES = envint("IMPORT_MAX_UNPACKED_BYTES", 10 * 1024 * 1024)
# An import of more rows than this runs as a background task, with a progress page; a smaller
# one answers at once.
IMPORT_BACKGROUND_ROWS = envint("IMPORT_BACKGROUND_ROWS", 100)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
MEDIA_URL = "/media/"  # never routed: uploads are streamed by views that check access

# Selects, inputs and text areas written in Python, to the byte as Django's templates write them.
FORM_RENDERER = "khoithidua.renderers.Renderer"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Behind a TLS-terminating proxy, production sets these on.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one user name from one
# address, that pair is locked out for AXES_COOLOFF_MINUTES; a success resets the count.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = envint("PROXY_COUNT", 0)

# Audit trail (django-auditlog): every create, update and delete of the domain models, with who
# and the changed fields; audit/tagging.py adds the bloc, year and organization to each entry.
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    "members",
    "pledges",
    "awards",
    "khoithidua",
    "province.provinceyear",  # the province's deadlines and cap
    "signing.signaturerecord",
    "signing.trustanchor",
    # Keys: who added or retired which; never the key file or the images themselves.
    {"model": "signing.signingkey", "exclude_fields": ["pkcs12", "signature_image", "seal_image"]},
    # Accounts: who was invited, activated or deactivated; never the password's hash.
    {"model": "auth.user", "exclude_fields": ["password", "last_login"]},
)
AUDITLOG_DISABLE_REMOTE_ADDR = True
AUDITLOG_USE_FK_STRING_REPRESENTATION = True  # "Hội A → Hội B", not "1 → 4"

# Content-Security-Policy: our own scripts only, no inline script anywhere. Inline style
# attributes stay allowed (server-drawn SVG charts use them); no CDN is ever named.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Long work (the province dossier, the e-mails) runs as tasks: Django's Tasks API (the
# django-tasks backport) with its database backend, so no extra server is needed and every
# machine with the code and DATABASE_URL can run a worker (`manage.py db_worker`).
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# Processes one worker uses for the province dossier (PDF rendering is CPU-bound).
PROVINCE_JOB_PROCESSES = envint("PROVINCE_JOB_PROCESSES", os.cpu_count() or 1)

# Where links in e-mails point (the site's address as users reach it).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
