"""Settings for the disclosure portal: one module, everything that differs between
machines comes from the environment (see README "Configuration")."""

import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from common.env import env_bool, env_int, env_list, env_str, env_url_prefix, load_dotenv
from portal.settings_parts import cache_config, logging_config, s3_storage

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
# Development: a local `.env` (written by `make migrate`, git-ignored) fills the variables
# not set, so `manage.py` runs by hand as under `make`. PORTAL_DOTENV=0 ignores it
# (production); the tests never read it (tests/conftest.py sets PORTAL_DOTENV=0 too).
if "pytest" not in sys.modules:
    load_dotenv(BASE_DIR / ".env")

DEBUG = env_bool("DEBUG", False)
# Under pytest (xdist workers included) or TESTING=1.
TESTING = "pytest" in sys.modules or env_bool("TESTING", False)
# Demo mode: `load_demo` may create demo accounts with printed passwords. Never in production.
DEMO_MODE = env_bool("DEMO_MODE", False)

SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or DEMO_MODE or TESTING:
        SECRET_KEY = "development-only-insecure-key-do-not-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "未设置 SECRET_KEY：生产环境请在环境变量中设置；本地开发请先运行 make run（会写入 .env）"
        )

# Applicants' personal data at rest (common.crypto): "<id>:<key>[,<id>:<older key>]",
# SM4 keys of 16 bytes (32 hex digits or base64), the current one first. Never in the
# database. Demo and test mode derive a development key; with DEBUG off and no demo
# mode the web process refuses to start without it (requests_app.checks).
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY", "")
# Backups (`manage.py backup`/`restore`, docs/operations.md): "<id>:<32 hex digits>",
# the current key first; kept apart from the backups. Demo/test mode derive one.
BACKUP_ENCRYPTION_KEY = env_str("BACKUP_ENCRYPTION_KEY", "")
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))
# Requests' personal data is anonymised this many years after closing
# (`manage.py anonymise_requests`, scheduled daily).
REQUEST_PERSONAL_DATA_YEARS = env_int("REQUEST_PERSONAL_DATA_YEARS", 10)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# A form sent without a valid token gets a Chinese page, not Django's technical one.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "guardian",
    "simple_history",
    "portal.apps.AxesConfig",  # django-axes, with a Chinese name
    # Second factor (accounts.otp): TOTP authenticator apps and one-time recovery codes.
    "django_otp",
    "portal.apps.OtpTotpConfig",  # django_otp.plugins.otp_totp, with Chinese names
    "portal.apps.OtpStaticConfig",  # django_otp.plugins.otp_static, with Chinese names
    "portal.apps.TasksDbConfig",  # django-tasks-db: the task queue and its worker (db_worker)
    # project apps, one per domain
    "portal",
    "accounts",
    "workcalendar",
    "disclosure",
    "review",
    "requests_app",
    "consultations",
    "enquiries",
    "inspection",
    "reports",
    "audit",
]

MIDDLEWARE = [
    # A request id on every response and log line; request metrics; then /healthz
    # and /metrics, answered before host checks, redirects and the page cache.
    "common.requestlog.RequestIdMiddleware",
    "common.metrics.MetricsMiddleware",
    "portal.probes.ProbeMiddleware",
    # With a standby (DATABASE_REPLICA_URL): which reads may go there.
    "common.dbrouter.PrimaryReplicaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A clear 400 for text PostgreSQL cannot store (NUL); Permissions-Policy everywhere.
    "common.middleware.InputHygieneMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages for visitors without a session, before anything else runs.
    "common.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Service-written audit entries get the client's address (audit.services).
    "audit.middleware.AuditRequestMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The second factor first (accounts.otp), then a password that must change.
    "accounts.middleware.SecondFactorMiddleware",
    # An expired password, or one somebody else set, is changed before anything else.
    "accounts.middleware.PasswordPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "accounts.middleware.LoginAddressLockoutMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

# DATABASE_URL: embedded SQLite by default; postgres://user@host:port/name in production.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        # Persistent connections (seconds; 0 closes after each request), checked
        # before reuse so a restarted database costs one failed check, not an error.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0 if TESTING else 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # Wait for the write lock instead of failing at once (several threads in tests, runserver).
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the portal's queries are short, and the search's gram
    # function is declared costly (so the planner uses its index), which would make
    # PostgreSQL spend ~50 ms compiling each search (docs/search.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    if TESTING:
        # Django empties tables with TRUNCATE between transactional tests; the
        # audit log's trigger allows that only in test databases that ask for it.
        _options = DATABASES["default"]["OPTIONS"]
        _options["options"] = f"{_options['options']} -c portal.audit_allow_truncate=on".strip()

# DATABASE_REPLICA_URL: a PostgreSQL standby for the reads of web requests that
# have not written (common.dbrouter); writes and everything after them stay on the
# primary, and so does the same browser for DATABASE_REPLICA_PIN_SECONDS after.
if env_str("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL", ""),
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    # The same connection options as the primary (no JIT for the search, above).
    for _key, _value in DATABASES["default"].get("OPTIONS", {}).items():
        DATABASES["replica"].setdefault("OPTIONS", {}).setdefault(_key, _value)
    # Tests (and `migrate`) see one database: the standby is its copy.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["common.dbrouter.PrimaryReplicaRouter"]
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 10)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Shared by every web process: the database by default, Redis when REDIS_URL is set.
# Rate limits and login lockouts live here, never in process memory.
CACHES = cache_config(env_str("REDIS_URL", ""))

# Background tasks (Django's tasks framework): mail, search indexing (with the
# attachments' text), inspection runs. "database": queued in PostgreSQL, run by
# `manage.py db_worker` (deploy/systemd/portal-worker.service); "immediate": run
# inline at once, for the demo (`make run`) and the tests.
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate" if DEMO_MODE or TESTING else "database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND 应为 database 或 immediate：{TASKS_BACKEND!r}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}

# Anonymous visitors' public pages from the shared cache (common.pagecache).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
# Cookies that change how a public page renders, one copy per value (长者模式).
PAGE_CACHE_VARY_COOKIES: list[str] = ["elder_mode"]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]

# The password policy (accounts.passwords): length, three of four character classes,
# no username inside, not common, not one of the last five; 90-day expiry.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.passwords.CharacterClassesValidator"},
    {"NAME": "accounts.passwords.UsernameNotContainedValidator"},
    {"NAME": "accounts.passwords.PasswordHistoryValidator"},
]

# F8: lock an account+address after 5 failures for 30 minutes; sessions end after
# 30 minutes idle and with the browser.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# The key of the audit log's HMAC-SM3 chain (audit.chain). Set it in production and
# keep it apart from the database; unset, it is derived from SECRET_KEY (so rotating
# SECRET_KEY would make older entries fail `manage.py audit_verify`).
AUDIT_HMAC_KEY = env_str("AUDIT_HMAC_KEY", "")
# The real client's address behind TRUSTED_PROXY_COUNT proxies, as for rate limits
# and the audit log (behind nginx, REMOTE_ADDR is nginx itself: every client would
# share one lockout).
AXES_CLIENT_IP_CALLABLE = "common.ratelimit.client_ip"
# Second factor (accounts.otp): required for the three administrators, the office and
# the leader. On by default; off by default only in demo mode (no authenticator app
# needed to try the demo), unless SECOND_FACTOR_REQUIRED says otherwise.
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", not DEMO_MODE or TESTING)
OTP_TOTP_ISSUER = "政府信息公开平台"
# Password spraying: failures from one address across all usernames (accounts.lockout).
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20)
AXES_ENABLED = env_bool("AXES_ENABLED", True)
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LOGIN_URL = "admin:login"
# A login without `next` lands on the staff start page (portal.views.staff_start).
LOGIN_REDIRECT_URL = "staff_start"

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
# Translations Django itself lacks (locale/zh_Hans/LC_MESSAGES/django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Served as a channel of the county portal (国办发〔2017〕47号: a county department
# publishes through the county government's site) under a path of its domain, e.g.
# URL_PREFIX=/rsj behind the county's reverse proxy (docs/operations.md). Every link
# (reverse, feeds, sitemap), static file and cookie then carries the prefix.
URL_PREFIX = env_url_prefix("URL_PREFIX")
FORCE_SCRIPT_NAME = URL_PREFIX or None
STATIC_URL = f"{URL_PREFIX}/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))  # nginx serves it
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded files: MEDIA_ROOT, or an S3-compatible bucket when S3_BUCKET is set.
STORAGES["default"] = s3_storage() or STORAGES["default"]
# Public attachments on object storage: redirect the download to a signed URL that
# expires, instead of passing the bytes through gunicorn.
MEDIA_SIGNED_URLS = env_bool("MEDIA_SIGNED_URLS", False)
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = f"{URL_PREFIX}/media/"  # never served directly: attachments go through a view
# Reverse proxies in front of gunicorn whose X-Forwarded-For is trusted (common.ratelimit).
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))
# Uploads: larger files are refused with a message (F8).
UPLOAD_MAX_BYTES = int(env_str("UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest request body: a form's five files at the upload limit and its text
# (requests_app's form). nginx's client_max_body_size is rendered from it.
REQUEST_BODY_MAX_BYTES = env_int(
    "REQUEST_BODY_MAX_BYTES", 5 * UPLOAD_MAX_BYTES + DATA_UPLOAD_MAX_MEMORY_SIZE
)
# Behind nginx: downloads checked by the application are sent by nginx
# (X-Accel-Redirect to this internal prefix, deploy/nginx/portal.conf).
PROTECTED_MEDIA_ACCEL = env_bool("PROTECTED_MEDIA_ACCEL", False)
PROTECTED_MEDIA_ACCEL_PREFIX = "/_protected/"
FILE_UPLOAD_PERMISSIONS = 0o640

# Mail: the console by default; set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend
# and EMAIL_HOST / EMAIL_PORT / EMAIL_USER / EMAIL_PASSWORD / EMAIL_USE_TLS for SMTP.
_email_backend = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
MAILERS = {
    "default": {
        "BACKEND": _email_backend,
        "OPTIONS": (
            {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": int(env_str("EMAIL_PORT", "25")),
                "username": env_str("EMAIL_USER", ""),
                "password": env_str("EMAIL_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
            }
            if _email_backend.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "gkb@rsj.example.gov.cn")
# 政务咨询: working days (official calendar) the bureau gives itself to answer.
ENQUIRY_REPLY_WORKDAYS = env_int("ENQUIRY_REPLY_WORKDAYS", 5)
# Absolute links in emails and feeds.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Security headers (manage.py check --deploy); relaxed only when DEBUG is on.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Cookies stay on the portal's own path inside the county's domain.
SESSION_COOKIE_PATH = CSRF_COOKIE_PATH = LANGUAGE_COOKIE_PATH = f"{URL_PREFIX}/"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
_production = not DEBUG and not TESTING
_secure = _production and env_bool("SECURE_COOKIES", True)
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SECURE_SSL_REDIRECT = _production and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 0 if DEBUG else int(env_str("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload is a decision for the county's domain
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}

# LOG_FORMAT=json: one JSON object per line (common.requestlog), each with the
# request id; ACCESS_LOG (on by default with json) adds one line per request.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
ACCESS_LOG = env_bool("ACCESS_LOG", LOG_FORMAT == "json")
LOGGING = logging_config(LOG_FORMAT, env_str("LOG_LEVEL", "INFO"))
# /metrics answers only with `Authorization: Bearer <METRICS_TOKEN>` (portal.probes).
METRICS_TOKEN = env_str("METRICS_TOKEN", "")

# Sitemap sections of other apps' public pages, added to the catalogue's sitemap index.
EXTRA_SITEMAPS = {"consultations": "consultations.sitemaps.ConsultationSitemap"}

# Apps whose `demo.load()` fill the demo bureau, in this order (`manage.py load_demo`).
DEMO_LOADERS = [
    "workcalendar.demo",
    "disclosure.demo",
    "review.demo",
    "requests_app.demo",
    "consultations.demo",
    "enquiries.demo",
    "inspection.demo",
    "reports.demo",
]

# Development and tests serve static files from the app folders (no collectstatic).
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
