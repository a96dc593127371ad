"""Settings of edcluster, read from the environment in one place.

Variables (all optional; the defaults run a local demo safely):

- ``DATABASE_URL``     ``sqlite:///var/edcluster.sqlite3`` by default; ``postgres://…`` in production
- ``CELERY_BROKER_URL`` absent → background tasks run eagerly in-process
- ``EMAIL_URL``        ``outbox://`` (messages kept in the database outbox) | ``smtp://…`` | ``console://``
- ``SECRET_KEY``       absent → generated once into ``var/secret_key``
- ``ALLOWED_HOSTS``    comma-separated, default ``127.0.0.1,localhost``
- ``DEBUG``            ``0`` by default
- ``EDCLUSTER_VAR_DIR`` where the SQLite file, uploads and the generated key live (default ``var/``)
- ``SITE_URL``          absolute base used in e-mails, QR codes and ``.ics`` (default ``http://127.0.0.1:8000``)
- ``SECURE``            ``1`` behind HTTPS: secure cookies, HSTS, SSL redirect
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from edcluster.config.env import email_config, env_bool, env_int, env_list, env_str, secret_key

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/edcluster
PROJECT_DIR = PACKAGE_DIR.parent.parent  # the checkout
VAR_DIR = Path(env_str("EDCLUSTER_VAR_DIR", str(PROJECT_DIR / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Apps in dependency order: the demo loader and the API follow this order.
EDCLUSTER_APPS = [
    "edcluster.core",
    "edcluster.organizations",
    "edcluster.partnerships",
    "edcluster.events",
    "edcluster.meetings",
    "edcluster.certificates",
    "edcluster.consultations",
    "edcluster.practices",
    "edcluster.training",
    "edcluster.documents",
    "edcluster.imports",
    "edcluster.analytics",
    "edcluster.search",
    "edcluster.api",
    "edcluster.web",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "ninja",
    *EDCLUSTER_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "edcluster.core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "edcluster.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "edcluster.config.urls"
WSGI_APPLICATION = "edcluster.config.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The platform's own templates win over django.contrib.admin's (registration/*, 404.html).
        "DIRS": [PACKAGE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "edcluster.web.context_processors.navigation",
            ],
            "builtins": ["edcluster.core.templatetags.ru", "edcluster.core.templatetags.core_tags"],
        },
    }
]

# --- database --------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'edcluster.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock at BEGIN, so capacity checks inside
    # transaction.atomic() cannot interleave; WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    # A file (not :memory:) so that a real Celery worker process can share the test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")

# --- cache (rate limits, per-process memo) ---------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "edcluster"}
    )
}

# --- background tasks ------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_BROKER_URL.startswith("filesystem://"):
    # A broker in plain files: lets a real worker run where no Redis is (the SQLite test run).
    _fs = Path(env_str("CELERY_BROKER_FS_DIR", str(VAR_DIR / "broker")))
    for _sub in ("queue", "processed", "control"):
        (_fs / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_fs / "queue"),
        "data_folder_out": str(_fs / "queue"),
        "data_folder_processed": str(_fs / "processed"),
        "control_folder": str(_fs / "control"),
    }
CELERY_TASK_EAGER_PROPAGATES = True
# The queue tasks are sent to, also by tasks running in a worker (a test worker has its own).
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-task gives the task back to the queue
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Moscow"
CELERY_BEAT_SCHEDULE: dict = {}  # each app adds its periodic tasks in its AppConfig.ready()
# Partnerships become «истекает» (and their editors get one reminder) this many days before the end.
PARTNERSHIP_EXPIRING_DAYS = env_int("PARTNERSHIP_EXPIRING_DAYS", 30)

# --- e-mail ----------------------------------------------------------------------------------
_email = email_config(env_str("EMAIL_URL", "outbox://"))
EMAIL_TRANSPORT = _email.pop("EMAIL_TRANSPORT")
globals().update(_email)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "edcluster <noreply@edcluster.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- language and time -----------------------------------------------------------------------
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]

# --- files -----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "edcluster.web.staticfinders.VendorFinder",
]
# Front-end packages come from npm (package.json); only these files are served, under /static/vendor/.
NODE_MODULES_DIR = PROJECT_DIR / "node_modules"
VENDOR_ASSETS = {
    "vendor/bootstrap/bootstrap.min.css": "bootstrap/dist/css/bootstrap.min.css",
    "vendor/bootstrap/bootstrap.min.css.map": "bootstrap/dist/css/bootstrap.min.css.map",
    "vendor/bootstrap/bootstrap.bundle.min.js": "bootstrap/dist/js/bootstrap.bundle.min.js",
    "vendor/bootstrap/bootstrap.bundle.min.js.map": "bootstrap/dist/js/bootstrap.bundle.min.js.map",
    "vendor/htmx/htmx.min.js": "htmx.org/dist/htmx.min.js",
    "vendor/tom-select/tom-select.complete.min.js": "tom-select/dist/js/tom-select.complete.min.js",
    "vendor/tom-select/tom-select.bootstrap5.min.css": "tom-select/dist/css/tom-select.bootstrap5.min.css",
    "vendor/chart.js/chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
    "vendor/cytoscape/cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "vendor/html5-qrcode/html5-qrcode.min.js": "html5-qrcode/html5-qrcode.min.js",
}
WHITENOISE_USE_FINDERS = True  # serve straight from the finders when collectstatic has not run
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
EDCLUSTER_MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 20 * 1024 * 1024)

# --- security --------------------------------------------------------------------------------
SECURE = env_bool("SECURE", False)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- logging: no personal data (152-FZ) --------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "edcluster.core.logging.RedactPersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "celery": {"level": "WARNING"},
        "pymorphy3": {"level": "WARNING"},
    },
}

# --- edcluster -------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 50
EDCLUSTER_PAGE_SIZE = 50
# Public event registration: attempts per minute per IP and per e-mail (the benchmark raises it).
EDCLUSTER_EVENTS_REGISTER_LIMIT = env_int("EDCLUSTER_EVENTS_REGISTER_LIMIT", 30)
# Waiting list: how long a freed place offered to the next person is kept for them.
EDCLUSTER_EVENTS_OFFER_HOURS = env_int("EDCLUSTER_EVENTS_OFFER_HOURS", 48)
# Pause between two certificates of a batch, in milliseconds: spreads a batch of thousands over
# time on a database that also serves the day's registrations (0 = as fast as it goes).
EDCLUSTER_CERTIFICATES_BATCH_PAUSE_MS = env_int("EDCLUSTER_CERTIFICATES_BATCH_PAUSE_MS", 0)
# Pause between two items of the other background batches (import files, event reminders), in
# milliseconds (0 = none). The worker-kill tests set it so that a batch is still running when
# its worker is killed.
EDCLUSTER_BATCH_ITEM_PAUSE_MS = env_int("EDCLUSTER_BATCH_ITEM_PAUSE_MS", 0)
# An import batch not finished this many minutes after its last progress is queued again by the
# periodic ``imports.resume_stalled`` (its worker was killed; files already read are skipped).
EDCLUSTER_IMPORTS_STALLED_MINUTES = env_int("EDCLUSTER_IMPORTS_STALLED_MINUTES", 10)
# A dashboard snapshot older than this many seconds is refreshed in the background (shown
# meanwhile); a write in its scope makes it stale at once (analytics.snapshots).
EDCLUSTER_DASHBOARD_MAX_AGE_S = env_int("EDCLUSTER_DASHBOARD_MAX_AGE_S", 900)
