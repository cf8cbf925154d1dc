"""Settings shared by every environment. Environment-specific modules import * from here."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_database, env_int, env_list, env_networks, env_str, shared_cache

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-change-me-" + "x" * 20)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Our apps first so their templates and translations win over the libraries'.
    "website",
    "people",
    "courses",
    "cohorts",
    "certificates",
    "evaluation",
    "network",
    "privacy",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.api.v2",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "modelcluster",
    "taggit",
    "django_q",
    "csp",
    "corsheaders",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # outside the page cache: stored answers get it too
    "website.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "website.middleware.CookieLanguageMiddleware",
    "website.middleware.AnonymousPageCacheMiddleware",  # after the language is known
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "website.middleware.RateLimitMiddleware",  # after CsrfViewMiddleware
    "website.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "website.middleware.PersonalDataNoStoreMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

DATABASES = {
    "default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'medvirk.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "website.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Accounts (django-allauth under /konto/): the e-mail address is the login and must be verified.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/min-side/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Medvirk: "
# Account e-mails go through the outbox, in our words (website/adapters.py).
ACCOUNT_ADAPTER = "website.adapters.AccountAdapter"
# Addresses in their normal form (website/emails.py); sign-up as slow for a known address.
ACCOUNT_FORMS = {
    "login": "website.forms.LoginForm",
    "signup": "website.forms.SignupForm",
    "reset_password": "website.forms.ResetPasswordForm",
}
# Tell people when their password, e-mail address or two-factor set-up changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# Two-factor authentication (allauth MFA): TOTP with recovery codes; required for staff
# before they reach the admin (website.middleware.StaffTwoFactorMiddleware), optional for
# participants. The admin logs in through the site's login, which asks for the code.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Medvirk"
MFA_TOTP_TOLERANCE = 1
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", True)
# A staff account without TOTP sets it up only through a one-time link an administrator makes
# (website/staff_setup.py; `manage.py staff_setup_link` for the first superuser): its hours.
STAFF_SETUP_LINK_HOURS = env_int("STAFF_SETUP_LINK_HOURS", 72)
WAGTAILADMIN_LOGIN_URL = "/konto/login/"

# The one rate limiter (website/ratelimit.py; which views count is its LIMITED_VIEWS): scope →
# (requests allowed, window in seconds), counted in the database so every app server shares
# the counts; one more answers 429 with Retry-After. Scopes count per client address, except
# `*_account`, `reauthenticate` and `email` (per e-mail address or account, whoever sends).
# Each number can be set by the environment: RATE_LIMIT_<SCOPE>, e.g. RATE_LIMIT_LOGIN_ACCOUNT.
RATE_LIMITS = {
    scope: (env_int(f"RATE_LIMIT_{scope.upper()}", allowed), window_seconds)
    for scope, (allowed, window_seconds) in {
        "login": (10, 15 * 60),  # site and admin log-in together
        "login_account": (20, 60 * 60),
        "mfa": (10, 15 * 60),  # the two-factor code step
        "mfa_account": (10, 60 * 60),
        "signup": (5, 60 * 60),
        "signup_account": (5, 60 * 60),
        "password_reset": (5, 60 * 60),  # site and admin requests together
        "password_reset_account": (5, 60 * 60),
        "reauthenticate": (10, 15 * 60),  # password or code again; changing the password
        "email": (10, 60 * 60),  # adding, confirming again, removing an address
        "certificate_lookup": (30, 10 * 60),  # /bevis/
        "document_password": (10, 15 * 60),  # documents behind a shared password
        "survey_answer": (20, 60 * 60),  # /kartlegging/ answers (an office may share an address)
        "network_request": (10, 60 * 60),  # /nettverk/foresporsel/, per client and per address
        "network_message": (10, 60 * 60),  # a member writing to members, per account
    }.items()
}
# The proxies in front of the app servers (addresses or CIDR networks, comma-separated), whose
# X-Forwarded-For the rate limiter believes: the client is the right-most hop that is not one
# of them (website.ratelimit.client_address). None by default: the header is then ignored and
# REMOTE_ADDR is the client. Behind a proxy, set it, or every client shares one count.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
# allauth's own limits are off: RATE_LIMITS covers the same forms, counted in the database.
ACCOUNT_RATE_LIMITS = False

# One cache every app server and worker shares: allauth marks a used TOTP code in it (so a code
# is accepted once, whichever server it reaches), Wagtail keeps its site root paths and redirect
# imports there. A table in the site's database by default (created by every `migrate`, see
# website/apps.py); Redis when REDIS_URL is set (`pip install redis`, or the `redis` extra).
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {"default": shared_cache(REDIS_URL)}
# Anonymous public pages from that cache (website/pagecache.py): kept `seconds` in it, sent
# with `max_age` for browsers and proxies; a page that shows seats left, `seats_seconds`.
PAGE_CACHE = {
    "enabled": env_bool("PAGE_CACHE", True),
    "seconds": env_int("PAGE_CACHE_SECONDS", 600),
    "max_age": env_int("PAGE_CACHE_MAX_AGE", 60),
    "seats_seconds": 5,
}

# Retention (months; privacy/services/retention.py, run daily; every personal field's rule is
# in privacy/retention_rules.py): text of ended applications, text of any application once its
# gathering is over, sensitive profile fields after the participant's last gathering (or last
# activity, for someone who never applied), the audit log (which also records who was shown
# sensitive fields), e-mails the outbox has finished with, and accounts with no activity (no
# log-in, no application, no gathering): warned by e-mail, erased after the notice (days).
RETENTION = {
    "ended_applications": env_int("RETENTION_ENDED_APPLICATIONS_MONTHS", 12),
    "application_texts": env_int("RETENTION_APPLICATION_TEXTS_MONTHS", 3),
    "sensitive_fields": env_int("RETENTION_SENSITIVE_FIELDS_MONTHS", 6),
    "audit_log": env_int("RETENTION_AUDIT_LOG_MONTHS", 60),
    "sent_emails": env_int("RETENTION_SENT_EMAILS_MONTHS", 12),
    "inactive_accounts": env_int("RETENTION_INACTIVE_ACCOUNTS_MONTHS", 24),
    # Evaluations and the kartlegging (issue 17): who was invited to evaluate a gathering and
    # whether they answered, N months after the evaluation closed (a survey's "has answered"
    # rows go when it closes); free text in the anonymous answers, N months after the evaluation
    # or survey closed (ratings and choices stay as anonymous statistics).
    "who_answered": env_int("RETENTION_WHO_ANSWERED_MONTHS", 3),
    "evaluation_texts": env_int("RETENTION_EVALUATION_TEXTS_MONTHS", 36),
    # The network (issue 18): a closed or completed request's contact and texts, N months after
    # it closed (the figures stay); messages between members, N months after they were sent; a
    # member silent for N months (no log-in, nothing done in the network) is warned, and the
    # profile is removed INACTIVE_ACCOUNT_NOTICE_DAYS later if they stay away.
    "network_requests": env_int("RETENTION_NETWORK_REQUESTS_MONTHS", 24),
    "network_messages": env_int("RETENTION_NETWORK_MESSAGES_MONTHS", 12),
    "inactive_members": env_int("RETENTION_INACTIVE_MEMBERS_MONTHS", 24),
}
INACTIVE_ACCOUNT_NOTICE_DAYS = env_int("RETENTION_INACTIVE_NOTICE_DAYS", 30)
# A request for a representative whose e-mail address was never confirmed is deleted after
# this many days.
NETWORK_UNVERIFIED_REQUEST_DAYS = env_int("RETENTION_NETWORK_UNVERIFIED_DAYS", 7)

# Language and time: Norwegian bokmål first, English second; Europe/Oslo, stored as UTC.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian bokmål")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "medvirk_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
# Dates in each language's own order ("13. februar 2027", "13 February 2027"): templates use
# the named formats (`|date:"DATE_FORMAT"`), defined in website/formats/<language>/formats.py.
FORMAT_MODULE_PATH = ["website.formats"]
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("nb", "Norsk bokmål"), ("en", "English")]
# The last approval in a workflow publishes, without giving reviewers publish permission.
WAGTAIL_FINISH_WORKFLOW_ACTION = "courses.services.workflow_publish_approved"
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nb", "Norsk bokmål"), ("en", "English")]

# Static and uploaded files.
STATIC_URL = "/static/"
STATIC_ROOT = None  # only production collects static files (see production.py)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Files that only a view may hand out, after asking the access policy (certificate PDFs):
# outside MEDIA_ROOT and under no URL, so the proxy that serves /media/ never sees them.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
# Behind nginx, the internal location that maps to PRIVATE_MEDIA_ROOT (e.g. "/_private/"): the
# view then answers with X-Accel-Redirect and nginx sends the file. Empty: the app sends it.
PRIVATE_MEDIA_ACCEL_REDIRECT = env_str("PRIVATE_MEDIA_ACCEL_REDIRECT", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: the console by default; SMTP as soon as EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Medvirk <post@medvirk.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A mail server that does not answer within this many seconds counts as a failed attempt;
# it must stay well under the outbox lease, or a slow send could be taken over and doubled.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)

# The outbox (website/outbox.py): how long a sender holds a claimed message, the back-off
# between attempts (doubling from `backoff_seconds` up to `max_backoff_seconds`), when a
# message counts as failed for good, and how long a sender stays for messages that fall due
# soon (another sender's lease running out, a short back-off).
OUTBOX = {
    "lease_seconds": env_int("OUTBOX_LEASE_SECONDS", 30),
    "backoff_seconds": env_int("OUTBOX_BACKOFF_SECONDS", 30),
    "max_backoff_seconds": 3600,
    "max_attempts": env_int("OUTBOX_MAX_ATTEMPTS", 8),
    "linger_seconds": env_int("OUTBOX_LINGER_SECONDS", 40),
    # A sender stops claiming after this long and queues a successor: well inside the task
    # time-out (Q_CLUSTER["timeout"]), which would otherwise kill it half-way through a send.
    "budget_seconds": env_int("OUTBOX_BUDGET_SECONDS", 60),
}

# Background work: django-q2 with the ORM broker, so no server besides the database.
# `retry` must exceed `timeout`, or a slow task would be handed to a second worker.
Q_CLUSTER = {
    "name": "medvirk",
    "orm": "default",
    # SQLite has one writer: one worker there (several only wait for each other's locks).
    "workers": env_int("Q_WORKERS", 1 if DATABASES["default"]["ENGINE"].endswith("sqlite3") else 2),
    # A task a dead worker had taken is handed out again after `retry` seconds. Messages do not
    # wait for that (the outbox's lease is 30 s); renders, invite runs and retention do.
    "timeout": 120,
    "retry": 150,
    "max_attempts": 5,
    "ack_failures": True,
    "catch_up": False,
    "save_limit": 1000,
    "poll": 1,
    "sync": False,
}

WAGTAIL_SITE_NAME = "Medvirk"
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
# The domain in calendar UIDs. Never change it once invites have gone out: a new UID makes a
# second event in everyone's calendar instead of updating the first.
CALENDAR_UID_DOMAIN = env_str("CALENDAR_UID_DOMAIN", "medvirk.no")


def search_backends(databases):
    """Wagtail's database search; on PostgreSQL with Norwegian stemming (Snowball), on SQLite
    with each word matched as a prefix (website/search_backends.py)."""
    backend = {"BACKEND": "website.search_backends"}
    if databases["default"]["ENGINE"].endswith("postgresql"):
        backend["SEARCH_CONFIG"] = "norwegian"
    return {"default": backend}


WAGTAILSEARCH_BACKENDS = search_backends(DATABASES)
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "odp", "xlsx", "ods", "txt"]
# Uploads: documents are checked for size and that their content matches the extension
# (website/forms.py); images are opened by Wagtail's image library, so a file that is not an
# image of an allowed kind is refused. No SVG (it can carry scripts).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "website.forms.CheckedDocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("MAX_DOCUMENT_UPLOAD_MB", 20) * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("MAX_IMAGE_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# Health endpoint: a queued task older than this makes /helse/ answer 503.
HEALTH_MAX_QUEUE_AGE_SECONDS = env_int("HEALTH_MAX_QUEUE_AGE_SECONDS", 600)

# Content Security Policy (django-csp): only our own origin, no inline script or style on the
# site; the admin adds inline (website.middleware.ContentSecurityPolicyMiddleware). Video
# embeds (Wagtail embeds) may come from the hosts in CSP_FRAME_SOURCES.
CSP_FRAME_SOURCES = env_list(
    "CSP_FRAME_SOURCES",
    ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *CSP_FRAME_SOURCES],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
ADMIN_CSP_UPDATE = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no requests to gravatar.com from the admin
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nor to releases.wagtail.org

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The read API (/api/, issue 19): any site may read it from a browser (GET, and the OPTIONS
# preflight), never with the visitor's cookies — it answers everyone alike. django-cors-headers
# answers only paths that match; everything else sends no CORS header at all. The credentials'
# public documents (a certificate's credential, the status lists, the issuer's DID document) are
# read by verifiers and wallets in browsers too.
CORS_URLS_REGEX = (
    r"^/(api/.*|bevis/[0-9A-Za-z-]+/credential\.json|bevis/status/\d+|\.well-known/did\.json)$"
)
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "OPTIONS")
CORS_PREFLIGHT_MAX_AGE = 86400
# Wagtail's API v2 (courses/api.py): at most this many items per page; the base of its
# detail_url links is the site's own address (WAGTAILADMIN_BASE_URL).
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
SESSION_COOKIE_HTTPONLY = True

# Ed25519 keys that sign the certificates' Open Badges credentials (certificates/badges/keys.py):
# `name:seed` pairs, the first signs, the rest stay published for verification; or a file of
# such lines. Without either, development and the first run make var/credential-keys.txt.
CREDENTIAL_SIGNING_KEYS = env_str("CREDENTIAL_SIGNING_KEYS", "")
CREDENTIAL_KEY_FILE = env_str("CREDENTIAL_KEY_FILE", "")
CREDENTIAL_KEYS_GENERATE = True  # (a malformed value stops start-up: certificates/apps.py)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail 8 logs every page edit and every search-index task at INFO.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django-q": {"level": "WARNING"},
    },
}
