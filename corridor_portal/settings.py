"""Settings for the G331 Border Corridor Portal.

Everything that differs between machines comes from the environment (or from the
`.env` file that `make run` writes for the local PostgreSQL and Redis). The defaults
are safe for a developer's machine; production (`DJANGO_ENV=production`) refuses to
start without a secret key and allowed hosts.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .cluster import is_sentinel_url, pooled_database

BASE_DIR = Path(__file__).resolve().parent.parent


def _read_dotenv(path):
    """Fill os.environ from KEY=value lines of `path`; the real environment wins."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key and not key.startswith("#"):
            os.environ.setdefault(key.strip(), value.strip())


_read_dotenv(BASE_DIR / ".env")


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DJANGO_ENV = env("DJANGO_ENV", "local")
PRODUCTION = DJANGO_ENV == "production"

SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. In production the portal needs a long random "
            "secret key in the environment, e.g. from `python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'`."
        )
    SECRET_KEY = "local-development-only-not-secret"  # noqa: S105

DEBUG = env_bool("DJANGO_DEBUG", default=False)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1]")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. In production list the site's host names, "
        "separated by commas (e.g. g331.example.cn,www.g331.example.cn)."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Addresses or networks of our own reverse proxies (nginx, the load balancer), comma-separated. Only
# requests from them may say who the client is (X-Forwarded-For), whether it came over HTTPS
# (X-Forwarded-Proto) and its request id; from anyone else those headers are dropped.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so it can patch the model admins.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # the sitemap's templates (sharing/sitemaps.py)
    "django_filters",
    "adminsortable2",
    "simple_history",
    "import_export",
    "staff.apps.SignInLocksConfig",  # django-axes, named for editors
    "csp",
    "rest_framework",
    "drf_spectacular",
    "listings",  # the shared listing core (app label corridor_portal)
    "photos",
    "sharing",
    "editorial",  # the listing admin's parts, history, previews and imports every kind's admin builds on
    "attractions",
    "villages",
    "hubs",  # the airports and stations that serve the corridor (getting there)
    "routes",
    "ports",
    "events",
    "stays",  # places to stay: homestays, hotels, guesthouses, campsites
    "advice",  # before you go: rules for travellers, and the practical facts page
    "pages",
    "reports",  # travellers' reports of a problem on a listing
    "api",  # the read-only open data API (Django REST framework)
    "trips",  # My trip (kept on the visitor's device, never on the server) and the offline web app
    "dashboard",  # the staff dashboard and the page-view counts
    # The staff tools: users, sign-in locks, and the roles' permissions (set up after every migrate).
    "staff",
    "demo",  # the demo and scale data and their commands (load_demo_data, generate_scale_data…)
]

MIDDLEWARE = [
    "corridor_portal.security.TrustedProxyMiddleware",  # first: everything below sees the real client
    "corridor_portal.observability.RequestIdMiddleware",
    # Counts a listing's page as it leaves: served from the page cache or not; a 304 is not a view, so it sits
    # outside the conditional GET (dashboard/counting.py).
    "dashboard.middleware.PageViewCountingMiddleware",
    # ETag from the content (or the cached page's), 304 when it matches; outside the page cache so hits get it too.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous pages from Redis (corridor_portal/cache.py). Right after the request id (fresh on every response):
    # a hit skips everything below. Stored pages keep the headers the layers below added (security headers,
    # CSP, which has no per-request nonce: no inline scripts); an http:// request has its own key and is
    # redirected to https:// below, never stored.
    "corridor_portal.cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "corridor_portal.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "corridor_portal.errors.DatabaseUnavailableMiddleware",  # after LocaleMiddleware: a translated 503
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "staff.languages.AdminLanguageMiddleware",  # the admin in each staff member's language, after the user is known
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # records who made each change
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: shows the lock-out page
]

ROOT_URLCONF = "corridor_portal.urls"

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
                "listings.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "corridor_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", "postgres://corridor:corridor@127.0.0.1:5432/corridor_portal"),
        # Persistent connections, checked before reuse so a restarted database
        # does not hand out dead connections.
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASES["default"].setdefault("OPTIONS", {})
DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", int(env("DATABASE_CONNECT_TIMEOUT", "3")))
# How close a name must be to the query to count as a match (pg_trgm word similarity, 0-1): "Fangchaun"
# against "Fangchuan Scenic Area" scores 0.6. Set on the connection, as the trigram index answers the `%>`
# operator with the session's threshold (listings/models.py SearchableQuerySet).
SEARCH_NAME_SIMILARITY = 0.5
# The planner's price of reading a page out of order, against 1 in order. PostgreSQL's default (4) is for
# spinning disks; on SSDs, and with the listings in memory, 1.1 is the usual setting. With 4, a list filtered by
# county and category read every row of the county rather than the index of both (docs/performance.md).
DATABASE_RANDOM_PAGE_COST = 1.1
DATABASES["default"]["OPTIONS"].setdefault(
    "options",
    f"-c pg_trgm.word_similarity_threshold={SEARCH_NAME_SIMILARITY} -c random_page_cost={DATABASE_RANDOM_PAGE_COST}",
)

# PostgreSQL behind a pooler in transaction mode (DATABASE_POOLER=pgbouncer; corridor_portal/cluster.py): no
# server-side cursors, no prepared statements, no `options` startup parameter (set those two on the database).
DATABASE_POOLER = env("DATABASE_POOLER")
DATABASES["default"] = pooled_database(DATABASES["default"], DATABASE_POOLER)

# A streaming replica for visitors' reads (corridor_portal/replica.py), when one is configured: the same
# settings as the primary at another address. Staff, writes and commands stay on the primary; a replica
# lagging by more than REPLICA_MAX_LAG_SECONDS, or unreachable, is skipped until a later check.
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **DATABASES["default"],
        **dj_database_url.parse(
            env("DATABASE_REPLICA_URL"), conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
        ),
        "OPTIONS": DATABASES["default"]["OPTIONS"],
        "TEST": {"MIRROR": "default"},
    }
    DATABASES["replica"] = pooled_database(DATABASES["replica"], DATABASE_POOLER)
    DATABASE_ROUTERS = ["corridor_portal.replica.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("corridor_portal.observability.RequestIdMiddleware") + 1,
        "corridor_portal.replica.ReplicaReadsMiddleware",
    )
REPLICA_MAX_LAG_SECONDS = float(env("REPLICA_MAX_LAG_SECONDS", "5"))
REPLICA_LAG_CHECK_SECONDS = float(env("REPLICA_LAG_CHECK_SECONDS", "2"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if env("REDIS_URL"):
    CACHES = {
        "default": {
            # redis+sentinel://host:port,host:port,host:port/service/db finds the primary through Sentinel.
            "BACKEND": "corridor_portal.sentinel.SentinelRedisCache"
            if is_sentinel_url(env("REDIS_URL"))
            else "corridor_portal.redis_cache.RedisCache",  # Django's, one client per pool
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "g331"),
            # A cache that is down must not hang a request: the rate limits then let requests through.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache (corridor_portal/cache.py): anonymous visitors' pages from the cache above, made stale by
# the saves of what they show (tags with versions); the timeout only frees memory. DJANGO_PAGE_CACHE=0 turns it
# off (the benchmark measures both).
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", default=True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(env("DJANGO_PAGE_CACHE_SECONDS", "600"))
# No stampede: while one request renders a page gone stale, the others get the stale copy if what it shows changed
# at most this long ago; otherwise they wait up to PAGE_CACHE_WAIT_SECONDS for that one's page. The lock on the
# rendering frees itself after PAGE_CACHE_LOCK_SECONDS (a worker killed mid-render).
PAGE_CACHE_STALE_SECONDS = float(env("DJANGO_PAGE_CACHE_STALE_SECONDS", "30"))
PAGE_CACHE_WAIT_SECONDS = float(env("DJANGO_PAGE_CACHE_WAIT_SECONDS", "2"))
PAGE_CACHE_LOCK_SECONDS = int(env("DJANGO_PAGE_CACHE_LOCK_SECONDS", "10"))
# The request that takes a stale page's lock answers with the stale copy too, and the page is rendered again in a
# thread of its process after it (stale-while-revalidate as RFC 5861 means it): no visitor waits for a render a
# stale copy can answer. At most PAGE_CACHE_REFRESH_QUEUE pages wait for that thread; past it, rendered at once.
PAGE_CACHE_REFRESH_IN_BACKGROUND = env_bool("DJANGO_PAGE_CACHE_REFRESH_IN_BACKGROUND", default=True)
PAGE_CACHE_REFRESH_QUEUE = int(env("DJANGO_PAGE_CACHE_REFRESH_QUEUE", "8"))
# `make bench` only: adds /bench/minimal/, the smallest Django page the others are compared with.
# The lists' facet counts, kept per content version like the pages (corridor_portal/cache.py); on even
# when the page cache is off. DJANGO_FACET_CACHE=0 turns it off (the benchmark's cold runs).
FACET_CACHE_ENABLED = env_bool("DJANGO_FACET_CACHE", default=True)
# Place and tour cards kept rendered by what they show (listings/fragments.py); on even when the page cache is off.
FRAGMENT_CACHE_ENABLED = env_bool("DJANGO_FRAGMENT_CACHE", default=True)
BENCH = env_bool("DJANGO_BENCH", default=False)

# Staff logins: django-axes first, so a locked-out username and address is refused before the password is tried.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# 5 failed logins for one username from one address lock that pair out for 15 minutes. Attempts are kept in the
# database (admin: "Access attempts", "Access failures") and logged by the "axes" logger. The address is
# REMOTE_ADDR, which TrustedProxyMiddleware sets from X-Forwarded-For for our own proxies only.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The admin's own page (templates/staff/locked_out.html): for how long, until when, and who can unlock.
AXES_LOCKOUT_CALLABLE = "staff.lockout.locked_out"
# Only staff sign in: a working day, then sign in again.
SESSION_COOKIE_AGE = 8 * 60 * 60

# Spreadsheet import needs the "add" permission of the model, export the "view" permission.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# An uploaded file waits for its confirmation in the cache, tied to its uploader, never in the server's temp
# folder (the library's default, whose file name came back from the form); an abandoned one expires. With
# several workers the cache must be the shared one (REDIS_URL): the confirmation may reach another worker.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "editorial.imports.UserImportStorage"
IMPORT_FILE_LIFETIME = 60 * 60
# Off: the library's escaping only strips a leading "=" and turns every cell into text. Our formats
# (editorial/imports.py) prefix every formula start (= + - @ tab CR) with ' instead.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Simplified Chinese first (no URL prefix), then English, Korean, Russian.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
    ("ko", _("Korean")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Content translation: a missing text falls back to English, then Chinese.
MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_LANGUAGES = ("zh-hans", "en", "ko", "ru")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "zh-hans")}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Photos. Uploads above either limit are refused with a form error; an image with more pixels than
# PHOTO_MAX_PIXELS is treated as a decompression bomb. The pages choose among the rendition widths.
PHOTO_MAX_UPLOAD_BYTES = int(env("DJANGO_PHOTO_MAX_UPLOAD_BYTES", str(15 * 1024 * 1024)))
PHOTO_MAX_PIXELS = int(env("DJANGO_PHOTO_MAX_PIXELS", "40000000"))
PHOTO_RENDITION_WIDTHS = (320, 640, 1024, 1600)
# The application serves /media/ itself (images only, safe headers) unless nginx does it, as in production.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", default=not PRODUCTION)

# Photos in an S3-compatible bucket (AWS, MinIO, Aliyun OSS, Tencent COS…) instead of MEDIA_ROOT, by settings
# alone: the portal reads and writes files only through Django's storage API.
if env("DJANGO_MEDIA_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("DJANGO_MEDIA_S3_BUCKET"),
            "endpoint_url": env("DJANGO_MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env("DJANGO_MEDIA_S3_REGION") or None,
            "access_key": env("DJANGO_MEDIA_S3_ACCESS_KEY") or None,
            "secret_key": env("DJANGO_MEDIA_S3_SECRET_KEY") or None,
            "custom_domain": env("DJANGO_MEDIA_S3_CUSTOM_DOMAIN") or None,  # e.g. the CDN in front of the bucket
            "querystring_auth": False,  # photos are public; stable URLs cache well
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }
    SERVE_MEDIA = False

# Map tiles (the SVG map drawn by the server needs none of this).
MAP_TILE_URL = env("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)

# Logs: one line per error on standard output, with the request id; JSON in production (LOG_FORMAT=json
# or text overrides). The line per request is gunicorn's access log (gunicorn.conf.py).
LOG_FORMAT = env("LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "corridor_portal.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "corridor_portal.observability.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
}

# Errors go to Sentry when SENTRY_DSN is set, without personal data.
SENTRY_DSN = env("SENTRY_DSN")
if SENTRY_DSN:
    from .observability import init_sentry

    init_sentry(SENTRY_DSN, environment=env("SENTRY_ENVIRONMENT", DJANGO_ENV), release=env("SENTRY_RELEASE"))

# Abuse limits per client address (see corridor_portal/ratelimit.py), counted in the shared cache:
# "N/s", "N/m", "N/h" or "N/d"; empty turns a limit off.
RATE_LIMITS = {
    "search": env("DJANGO_RATE_LIMIT_SEARCH", "60/m"),
    "map-data": env("DJANGO_RATE_LIMIT_MAP_DATA", "120/m"),
    "download": env("DJANGO_RATE_LIMIT_DOWNLOAD", "30/m"),
    "admin-login": env("DJANGO_RATE_LIMIT_ADMIN_LOGIN", "10/m"),
    "report": env("DJANGO_RATE_LIMIT_REPORT", "5/h"),
    "api": env("DJANGO_RATE_LIMIT_API", "120/m"),
}
# The open data API (api/): read-only JSON, no authentication (a session never shows a draft), the pages'
# filters; the schema by drf-spectacular.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "G331 Border Corridor open data",
    "DESCRIPTION": "The published attractions, villages, Border Tours, ports of entry, events and places to stay of "
    "the G331 Border Tourism Corridor portal (Jilin, China), read-only.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # `manage.py spectacular --validate` checks the schema; `check --deploy` stays about the deployment (its only
    # remarks were that the county and sort filters' choices are read from the database: strings, which is right).
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}
# Page views (dashboard/counting.py): counted in each process's memory as the pages are served, sent on to Redis
# once a second and flushed to PostgreSQL by `manage.py flush_page_views` (cron, every few minutes) and by the
# dashboard; without a Redis URL, the buffer goes straight to PostgreSQL. DJANGO_COUNT_PAGE_VIEWS=0: not counted.
PAGE_VIEWS = {
    "ENABLED": env_bool("DJANGO_COUNT_PAGE_VIEWS", default=True),
    "REDIS_URL": env("PAGE_VIEWS_REDIS_URL", env("REDIS_URL")),
    "KEY_PREFIX": env("CACHE_KEY_PREFIX", "g331") + ":pageviews",
}
# With the database down every page answers 503 with this Retry-After (seconds).
DATABASE_DOWN_RETRY_AFTER = int(env("DJANGO_DATABASE_DOWN_RETRY_AFTER", "30"))

if TRUSTED_PROXIES:
    # Safe only because TrustedProxyMiddleware drops X-Forwarded-Proto from anyone but those proxies.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # Health checks come straight from the load balancer or systemd, over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_HTTPONLY = True
# Only staff sign in (the admin); a login without a safe `next` lands on the admin's index.
LOGIN_REDIRECT_URL = "admin:index"
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms (and adminsortable2) send the hidden field
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Reviewed for issue #22, each with its reason in docs/deploy.md ("Security settings, reviewed").
# The staff session: eight hours from sign-in, not prolonged by activity; the CSRF token in its own cookie.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
CSRF_USE_SESSIONS = False
# Form fields per request: the admin's bulk actions and inlines stay far below; a flood is refused with a 400.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_PERMISSIONS = 0o644
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755
# django-simple-history. Reverting stays, guarded per admin (editorial/admin/history.py GuardedHistoryAdmin: the
# change permission on the object as it is now and on the version, county included). History is what
# happened: its records are never edited. Seeing it follows the object's own permissions and county, not the
# history models' permissions (which no role holds).
SIMPLE_HISTORY_REVERT_DISABLED = False
SIMPLE_HISTORY_EDIT = False
SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS = False
# No change reason is asked for; turning these on changes the column of every history table (a migration).
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = False
SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
# django-import-export: every import is previewed before anything is saved, runs in one transaction and is
# written to the admin's log; the export page (and the export action, if one is ever added) asks which columns.
IMPORT_EXPORT_SKIP_ADMIN_CONFIRM = False
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_SKIP_ADMIN_EXPORT_UI = False
IMPORT_EXPORT_SKIP_ADMIN_ACTION_EXPORT_UI = False
# A control character in a text must not make an XLSX export fail (openpyxl refuses them): replaced instead.
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True

# Content-Security-Policy (django-csp 4): only our own scripts and styles, no inline code anywhere;
# the map tiles' host is allowed for images and nothing else.
_TILE_ORIGIN = "/".join(MAP_TILE_URL.split("/")[:3]) if "://" in MAP_TILE_URL else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_TILE_ORIGIN] if _TILE_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],  # the offline service worker (/sw.js)
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "upgrade-insecure-requests": PRODUCTION,
    }
}
# Browser features the portal does not use are turned off (an empty list); a future "near me" button
# would set "geolocation": ["self"].
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
PERMISSIONS_POLICY["fullscreen"] = ["self"]  # Leaflet's maps may go full screen

# The language tabs in the admin use jQuery UI, shipped in static/vendor (no CDN).
JQUERY_UI_URL = "vendor/jquery-ui-1.14.2/jquery-ui.min.js"
