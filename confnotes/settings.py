"""Settings for confnotes: everything that differs between machines comes from the environment."""

import hashlib
import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    """Read a comma-separated environment variable."""
    value = os.environ.get(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default):
    """Read a whole-number environment variable."""
    value = os.environ.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = env_bool("DJANGO_DEBUG")
# The test runner never needs a real key; production never imports pytest.
RUNNING_TESTS = "pytest" in sys.modules or sys.argv[1:2] == ["test"]

# The key comes from the environment or, on a machine set up with `make`, from a file that
# `make` creates once (git ignores it).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
SECRET_KEY_FILE = Path(os.environ.get("DJANGO_SECRET_KEY_FILE", BASE_DIR / "var" / "secret_key"))
if not SECRET_KEY and SECRET_KEY_FILE.is_file():
    SECRET_KEY = SECRET_KEY_FILE.read_text(encoding="utf-8").strip()
if not SECRET_KEY:
    if not (DEBUG or RUNNING_TESTS):
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY, run `make setup` (it writes var/secret_key), "
            "or set DJANGO_DEBUG=1 for a development-only key."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "ninja",  # its Swagger UI is then served from bundled static files, not a CDN
    "pgtrigger",  # PostgreSQL triggers declared in models' Meta, installed by migrations
    "taggit",
    "speakers",
    "talks",
    "accounts",
    "transfer",
    "axes",  # failed log-ins: lockout per account and per address
]

MIDDLEWARE = [
    # /healthz and /readyz, before host checks and redirects: probes come by address.
    "confnotes.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Whole pages for visitors who are not signed in (confnotes/pagecache.py). Above the
    # policy headers and gzip: a hit sends the stored bytes with the headers they were given
    # (the policy has no per-request nonce) without building them again. Static files pass.
    "confnotes.pagecache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "confnotes.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed here (static files come pre-compressed from whitenoise, which
    # answers before this). Django's gzip adds random padding against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "confnotes.middleware.JsonApiErrorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Signed-in readers' lists, stored as everyone sees them and made personal per request
    # (talks/readerpages.py); after authentication and messages, so that it knows who asks
    # and whether messages wait.
    "talks.readerpages.ReaderPageMiddleware",
    # Turns a refused log-in (too many failures) into the lockout page.
    "axes.middleware.AxesMiddleware",
    # Last, so that it sees a view's exception first.
    "confnotes.middleware.DatabaseFaultMiddleware",
]

ROOT_URLCONF = "confnotes.urls"

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
                "accounts.context_processors.account_links",
            ],
        },
    },
]

WSGI_APPLICATION = "confnotes.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Per-connection planner settings for short web queries (facet counts, searches):
    # - JIT compilation costs more than it saves;
    # - the tables a page reads are cached (in shared buffers or the OS), so random reads
    #   cost about what sequential ones do: with the default 4, a search for a common word
    #   scans the whole talk table instead of visiting its matches through the GIN index;
    # - a facet aggregation over tens of thousands of talks needs more than the default
    #   4 MB of memory per hash to stay off disk.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c jit=off -c random_page_cost=1.1 -c work_mem=16MB"
    )

# The cache of whole pages, counts, facets and the data version (talks/version.py). It must
# be shared by every server process: Redis when REDIS_URL is set (several machines), else
# files under var/cache (several processes on one machine); in-process only for tests.
# The key prefix names the database, so sites on different databases never share entries.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "confnotes.rediscache.ReusingRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
elif RUNNING_TESTS:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "confnotes.filecache.PlainFileCache",
            "LOCATION": os.environ.get("CONFNOTES_CACHE_DIR", BASE_DIR / "var" / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
_database = DATABASES["default"]
CACHES["default"]["KEY_PREFIX"] = hashlib.sha256(
    repr([_database.get(part) for part in ("ENGINE", "HOST", "PORT", "NAME")]).encode()
).hexdigest()[:8]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files need `collectstatic`; development and tests
        # serve straight from the source folders instead.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or RUNNING_TESTS
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0
# Development and tests find static files in their source folders on each request.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG or RUNNING_TESTS

# Tags are matched case-insensitively so "Security" and "security" are one tag.
TAGGIT_CASE_INSENSITIVE = True

# django-axes checks every log-in (the site's and the admin's) before Django's own backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# Whether new people may create an account at /accounts/signup/.
CONFNOTES_SIGNUP_OPEN = env_bool("CONFNOTES_SIGNUP_OPEN", True)
# How many accounts one address may create per hour (counted in the cache, which every
# server process must share for the count to hold).
CONFNOTES_SIGNUPS_PER_HOUR = int(os.environ.get("CONFNOTES_SIGNUPS_PER_HOUR", "5"))
# How many reverse proxies in front of the site append the client's address to
# X-Forwarded-For. 0 (the default): the address is REMOTE_ADDR and the header is ignored,
# since anybody can send it.
CONFNOTES_TRUSTED_PROXIES = int(os.environ.get("CONFNOTES_TRUSTED_PROXIES", "0"))

# Failed log-ins: after AXES_FAILURE_LIMIT failures for one username, or from one address,
# log-ins for it are refused (429, "try again after ...") for AXES_COOLOFF_TIME.
AXES_FAILURE_LIMIT = int(os.environ.get("CONFNOTES_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("CONFNOTES_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Attempts during a lockout do not restart it, so "try again after" stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "accounts.network.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # no record of successful log-ins: nothing to keep about people
AXES_VERBOSE = False

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Sessions are read from the shared cache (written through to the database): a signed-in
# page then needs no query to know who asks.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS: off by default, so that `make run` works over plain HTTP on a laptop.
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
# Behind a proxy that terminates TLS and sets X-Forwarded-Proto (and strips it from clients).
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The video players that talk pages embed (talks/video.py): frames and their permissions.
VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]

# Content-Security-Policy (django-csp): the pages use no inline script or style, no `on*=`
# handler and no `style=` attribute, and load nothing from other sites but the players.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Permissions-Policy (confnotes.middleware): no powerful feature, except what the players
# need in their frames.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
    "autoplay": ["self", *VIDEO_PLAYER_ORIGINS],
    "encrypted-media": ["self", *VIDEO_PLAYER_ORIGINS],
    "fullscreen": ["self", *VIDEO_PLAYER_ORIGINS],
    "picture-in-picture": ["self", *VIDEO_PLAYER_ORIGINS],
}

# Seconds a 503 (database unreachable or read-only) asks clients to wait before retrying.
CONFNOTES_RETRY_AFTER = 30

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
