"""Settings shared by every environment. Values come from the environment only."""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("MOTCUA_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("MOTCUA_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "ninja",
    "motcua.core",
    "motcua.accounts",
    "motcua.calendar",
    "motcua.catalog",
    "motcua.dossiers",
    "motcua.workflow",
    "motcua.documents",
    "motcua.notifications",
    "motcua.feedback",
    "motcua.reports",
    "motcua.demo",
    "motcua.portal",
    "motcua.backoffice",
    "motcua.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES: list[dict[str, Any]] = [
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

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}"),
        conn_max_age=int(os.environ.get("MOTCUA_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer holds the lock; IMMEDIATE transactions take the
    # write lock up front so concurrent writers queue (busy timeout) instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "portal:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("MOTCUA_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MOTCUA_MEDIA_ROOT", VAR_DIR / "media"))

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Content Security Policy, enforced: nothing is loaded from another origin.
SECURE_CSP: dict[str, list[str] | str] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("MOTCUA_LOG_LEVEL", "INFO")},
}

# --- motcua -------------------------------------------------------------------------------------
# The province this deployment serves (its agency code, QCVN 102:2016 style, e.g. "000.00.00.H99").
MOTCUA_PROVINCE_CODE = os.environ.get("MOTCUA_PROVINCE_CODE", "000.00.00.H99")
# Office hours used where no agency (or ancestor) has its own effective-dated schedule.
MOTCUA_DEFAULT_OFFICE_HOURS = os.environ.get(
    "MOTCUA_DEFAULT_OFFICE_HOURS", "07:00-11:30,13:30-17:00"
)
# Paper dossiers received after this local time are handed over at the next working day's opening.
MOTCUA_PAPER_CUTOFF = os.environ.get("MOTCUA_PAPER_CUTOFF", "15:00")

# --- dossiers and workflow (docs/dossiers.md) ------------------------------------------------------
# Digits of the daily sequence in dossier codes (at least 4; grows instead of failing when full).
MOTCUA_DOSSIER_SEQ_WIDTH = int(os.environ.get("MOTCUA_DOSSIER_SEQ_WIDTH", "4"))
# Whether a paper dossier received after the cut-off also starts its clock at the next opening
# (procedures may say "on" or "off"; "inherit" takes this).
MOTCUA_CUTOFF_DEFERS_CLOCK = env_bool("MOTCUA_CUTOFF_DEFERS_CLOCK", True)
# Largest file accepted for a dossier (scans, uploads, results).
MOTCUA_UPLOAD_MAX_BYTES = int(os.environ.get("MOTCUA_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
# The API carries files as base64 inside JSON (4/3 of their size): let a request hold one file of
# the largest size plus its dossier.
DATA_UPLOAD_MAX_MEMORY_SIZE = MOTCUA_UPLOAD_MAX_BYTES * 4 // 3 + 1024 * 1024
# "Due soon" when this much working time or less is left (capped at 25% of the time limit).
MOTCUA_DUE_SOON_HOURS = int(os.environ.get("MOTCUA_DUE_SOON_HOURS", "8"))
# A supplement request after appraisal must come within this many working days of reception.
MOTCUA_SUPPLEMENT_WINDOW_DAYS = int(os.environ.get("MOTCUA_SUPPLEMENT_WINDOW_DAYS", "3"))
# The apology must be approved at least this much working time before the due instant.
MOTCUA_APOLOGY_LEAD_HOURS = int(os.environ.get("MOTCUA_APOLOGY_LEAD_HOURS", "8"))
# The public look-up page printed as a QR code on receipts and sent in SMS.
MOTCUA_PUBLIC_URL = os.environ.get("MOTCUA_PUBLIC_URL", "http://127.0.0.1:8000")
# process_deadlines: dossiers per batch and batches per run.
MOTCUA_SWEEP_BATCH_SIZE = int(os.environ.get("MOTCUA_SWEEP_BATCH_SIZE", "200"))
# Periodic jobs run by `run_schedule` (make worker): management command → every N seconds.
MOTCUA_SCHEDULE: dict[str, int] = {
    "process_deadlines": int(os.environ.get("MOTCUA_SWEEP_EVERY_SECONDS", "300")),
    "send_notifications": 60,
    "requeue_catalog_imports": 600,
    "purge_drafts": 86400,
    # Open dossiers' stored dues follow calendar changes (days off, office hours).
    "refresh_report_facts": 600,
}
# Dossier drafts (counter wizard, online forms) untouched this many days are deleted (purge_drafts).
MOTCUA_DRAFT_KEEP_DAYS = int(os.environ.get("MOTCUA_DRAFT_KEEP_DAYS", "30"))
# Reports: a unit is ranked only with at least this many dossiers to process in the period.
MOTCUA_REPORT_MIN_SAMPLE = int(os.environ.get("MOTCUA_REPORT_MIN_SAMPLE", "20"))
# Reports: units with a late rate at or above this percentage are listed (đơn vị trễ hạn).
MOTCUA_LATE_UNIT_THRESHOLD = os.environ.get("MOTCUA_LATE_UNIT_THRESHOLD", "10")


# Satisfaction rating of a returned dossier (docs/dossiers.md): the criteria asked, as
# (code, question). Codes are stored in the ratings: add new ones, never rename old ones.
# Default: the criteria of Decree 61/2018 Art 31 (questions are translated when shown).
def gettext_noop(message: str) -> str:
    """Marks a string for makemessages (translated where it is shown). Not Django's own: importing
    django.utils.translation here would load Django's settings machinery too early."""
    return message


MOTCUA_RATING_CRITERIA: list[tuple[str, str]] = [
    ("time", gettext_noop("Thời gian giải quyết hồ sơ so với thời hạn quy định")),
    (
        "contacts",
        gettext_noop("Số lần, số nơi (cơ quan, đơn vị) phải liên hệ để hoàn thành thủ tục"),
    ),
    ("publicity", gettext_noop("Việc công khai thông tin về thủ tục hành chính")),
    ("attitude", gettext_noop("Thái độ, tinh thần phục vụ của cán bộ, công chức")),
    (
        "compliance",
        gettext_noop(
            "Việc tuân thủ quy định khi giải quyết hồ sơ, chi phí (kể cả chi phí không chính thức)"
        ),
    ),
    ("feedback", gettext_noop("Việc tiếp nhận, trả lời phản ánh, kiến nghị")),
    ("online", gettext_noop("Chất lượng dịch vụ công trực tuyến")),
]

# --- notifications (motcua.notifications; see docs/notifications.md) ---------------------------
# SMS backend: "console", "file", "locmem", "http", or the dotted path of a class with send().
MOTCUA_SMS_BACKEND = os.environ.get("MOTCUA_SMS_BACKEND", "console")
# Fold Vietnamese diacritics out of SMS bodies (160 characters a part instead of 70).
MOTCUA_SMS_UNACCENTED = env_bool("MOTCUA_SMS_UNACCENTED", False)
# The registered sender name (brand name) the gateway shows, if it takes one.
MOTCUA_SMS_SENDER = os.environ.get("MOTCUA_SMS_SENDER", "")
# Where the "file" backend appends one JSON line per SMS.
MOTCUA_SMS_FILE_PATH = Path(
    os.environ.get("MOTCUA_SMS_FILE_PATH", VAR_DIR / "sms" / "outbox.jsonl")
)
# The "http" backend: a POST per message to a gateway, JSON or form body.
MOTCUA_SMS_HTTP: dict[str, Any] = {
    "URL": os.environ.get("MOTCUA_SMS_HTTP_URL", ""),
    "FORMAT": os.environ.get("MOTCUA_SMS_HTTP_FORMAT", "json"),
    "PHONE_FIELD": os.environ.get("MOTCUA_SMS_HTTP_PHONE_FIELD", "phone"),
    "MESSAGE_FIELD": os.environ.get("MOTCUA_SMS_HTTP_MESSAGE_FIELD", "message"),
    "SENDER_FIELD": os.environ.get("MOTCUA_SMS_HTTP_SENDER_FIELD", "sender"),
    "API_KEY": os.environ.get("MOTCUA_SMS_HTTP_API_KEY", ""),
    "API_KEY_HEADER": os.environ.get("MOTCUA_SMS_HTTP_API_KEY_HEADER", "Authorization"),
    "TIMEOUT": float(os.environ.get("MOTCUA_SMS_HTTP_TIMEOUT", "10")),
    "MESSAGE_ID_FIELD": os.environ.get("MOTCUA_SMS_HTTP_MESSAGE_ID_FIELD", ""),
    "SUCCESS_FIELD": os.environ.get("MOTCUA_SMS_HTTP_SUCCESS_FIELD", ""),
    "SUCCESS_VALUES": env_list("MOTCUA_SMS_HTTP_SUCCESS_VALUES", []),
    # Constant fields added to every request, a JSON object, e.g. {"type": 2} (a dict also works).
    "EXTRA_FIELDS": os.environ.get("MOTCUA_SMS_HTTP_EXTRA_FIELDS", "{}"),
}
# E-mail goes through Django's mailers (MAILERS); this is the alias notifications use.
MOTCUA_NOTIFICATION_EMAIL_BACKEND = "motcua.notifications.backends.MailerEmailBackend"
MOTCUA_NOTIFICATION_MAILER = os.environ.get("MOTCUA_NOTIFICATION_MAILER", "default")
# Retries: wait RETRY_SECONDS × 2^(n−1) after the n-th failure (at most RETRY_MAX_SECONDS), and
# stop after MAX_ATTEMPTS tries. A queued or "sending" row without an outcome for STALE_SECONDS
# is taken over by `manage.py send_notifications`.
MOTCUA_NOTIFICATION_MAX_ATTEMPTS = int(os.environ.get("MOTCUA_NOTIFICATION_MAX_ATTEMPTS", "8"))
MOTCUA_NOTIFICATION_RETRY_SECONDS = int(os.environ.get("MOTCUA_NOTIFICATION_RETRY_SECONDS", "60"))
MOTCUA_NOTIFICATION_RETRY_MAX_SECONDS = int(
    os.environ.get("MOTCUA_NOTIFICATION_RETRY_MAX_SECONDS", "3600")
)
MOTCUA_NOTIFICATION_STALE_SECONDS = int(os.environ.get("MOTCUA_NOTIFICATION_STALE_SECONDS", "600"))

# --- feedback and petitions (motcua.feedback; see docs/feedback.md) ---------------------------
# Working days each step of a PAKN may take (domain §10; Decision 766 item 5.2): classify (accept,
# refuse) from receipt at the agency, forward from receipt, ask the sender for more information
# from receipt, answer from acceptance, publish from the answer. A province may shorten them.
MOTCUA_FEEDBACK_WORKING_DAYS: dict[str, int] = {
    "classify": 2,
    "forward": 5,
    "info_request": 5,
    "answer": 15,
    "publish": 2,
}
# Shorter limits for one class of PAKN (the shorter wins), e.g. {"handling": {"answer": 10}}
# answers PAKN about how a dossier was handled within 10 working days.
MOTCUA_FEEDBACK_WORKING_DAYS_BY_SUBJECT: dict[str, dict[str, int]] = {}
# PAKN sent from the portal: at most N per S seconds per client address.
MOTCUA_FEEDBACK_RATE = os.environ.get("MOTCUA_FEEDBACK_RATE", "5/3600")
# Likes and dislikes of published answers, and a sender's look-up of their own PAKN.
MOTCUA_FEEDBACK_REACT_RATE = os.environ.get("MOTCUA_FEEDBACK_REACT_RATE", "30/3600")

# --- API (docs/api.md) ---------------------------------------------------------------------
# Public dossier look-up (/api/v1/lookup): at most N tries per S seconds per client address.
MOTCUA_LOOKUP_RATE = os.environ.get("MOTCUA_LOOKUP_RATE", "20/600")

# --- Citizen accounts (docs/accounts.md) ---------------------------------------------------------
# One-time codes: valid TTL seconds, dead after MAX_ATTEMPTS wrong tries, a new one RESEND seconds
# after the last.
MOTCUA_OTP_TTL_SECONDS = int(os.environ.get("MOTCUA_OTP_TTL_SECONDS", "600"))
MOTCUA_OTP_MAX_ATTEMPTS = int(os.environ.get("MOTCUA_OTP_MAX_ATTEMPTS", "5"))
MOTCUA_OTP_RESEND_SECONDS = int(os.environ.get("MOTCUA_OTP_RESEND_SECONDS", "60"))
# Portal login and password-reset requests: at most N tries per S seconds per client address and
# identity typed.
MOTCUA_LOGIN_RATE = os.environ.get("MOTCUA_LOGIN_RATE", "10/600")
# Login with the national electronic identity (VNeID) by OpenID Connect; off unless ENABLED.
MOTCUA_OIDC: dict[str, Any] = {
    "ENABLED": env_bool("MOTCUA_OIDC_ENABLED", False),
    "ISSUER": os.environ.get("MOTCUA_OIDC_ISSUER", ""),
    "CLIENT_ID": os.environ.get("MOTCUA_OIDC_CLIENT_ID", ""),
    "CLIENT_SECRET": os.environ.get("MOTCUA_OIDC_CLIENT_SECRET", ""),
    "SCOPES": os.environ.get("MOTCUA_OIDC_SCOPES", "openid profile"),
    "LABEL": os.environ.get("MOTCUA_OIDC_LABEL", "VNeID"),
    # The claim holding the 12-digit personal ID number (UNCONFIRMED for VNeID: see the docs).
    "ID_NUMBER_CLAIM": os.environ.get("MOTCUA_OIDC_ID_NUMBER_CLAIM", "sub"),
    "NAME_CLAIM": os.environ.get("MOTCUA_OIDC_NAME_CLAIM", "name"),
    "PHONE_CLAIM": os.environ.get("MOTCUA_OIDC_PHONE_CLAIM", "phone_number"),
    "PHONE_VERIFIED_CLAIM": os.environ.get(
        "MOTCUA_OIDC_PHONE_VERIFIED_CLAIM", "phone_number_verified"
    ),
    # client_secret_basic or client_secret_post; empty: what the discovery document offers.
    "TOKEN_AUTH_METHOD": os.environ.get("MOTCUA_OIDC_TOKEN_AUTH_METHOD", ""),
    # The callback URL registered with the provider; empty: built from the request.
    "REDIRECT_URI": os.environ.get("MOTCUA_OIDC_REDIRECT_URI", ""),
    "TIMEOUT": float(os.environ.get("MOTCUA_OIDC_TIMEOUT", "10")),
    "CACHE_SECONDS": int(os.environ.get("MOTCUA_OIDC_CACHE_SECONDS", "3600")),
}
