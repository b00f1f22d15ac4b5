"""Newsroom settings: every value comes from the environment (see .env.example).

Defaults are the safe ones: DEBUG is off, and with DEBUG off the site refuses to start
without a real secret key and allowed hosts. `make run` sets the development values.
"""

import ipaddress
import re
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from newsroom.caching.shared import is_shared

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A developer's local overrides; production sets real environment variables instead.
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for development).")
    # Development only: sessions signed with this key are worthless anywhere else.
    SECRET_KEY = "django-insecure-development-only"  # noqa: S105 (DEBUG only, by design)

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS, e.g. news.example.com.")
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

# Uploaded images (lead images, authors' photos) and their renditions: on this machine's disk
# under MEDIA_ROOT, served at MEDIA_URL by the proxy in front (deploy/nginx/), or, with
# MEDIA_S3_BUCKET set, in an S3-compatible bucket that every app server shares (STORAGES below).
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = env.str("DJANGO_MEDIA_URL", default="/media/")
if not MEDIA_URL.endswith("/"):
    raise ImproperlyConfigured("DJANGO_MEDIA_URL must end with a slash, e.g. /media/.")
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
# The S3 service's address; empty means Amazon S3 itself (MinIO, Ceph, R2 and the like set it).
MEDIA_S3_ENDPOINT_URL = env.str("MEDIA_S3_ENDPOINT_URL", default="")
# The host readers fetch the files from, e.g. a CDN in front of the bucket: images.example.com.
MEDIA_S3_CUSTOM_DOMAIN = env.str("MEDIA_S3_CUSTOM_DOMAIN", default="")
# Where readers' browsers fetch images from when that is not this site: the pages'
# Content-Security-Policy allows images from there too.
if MEDIA_S3_BUCKET and MEDIA_S3_CUSTOM_DOMAIN:
    _media_origin = f"https://{MEDIA_S3_CUSTOM_DOMAIN}"
elif MEDIA_S3_BUCKET:
    _media_origin = MEDIA_S3_ENDPOINT_URL or "https://*.amazonaws.com"
else:
    _media_origin = MEDIA_URL
MEDIA_ORIGINS = [origin[0] for origin in [re.match(r"https?://[^/]+", _media_origin)] if origin]
# The service's umask (deploy/systemd) keeps its files from other users; nginx, another user,
# serves the images, so their folders are opened to reading (files are 0o644, Django's default).
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755
# Uploaded images larger than either of these are refused (articles/images.py).
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env.int("IMAGE_UPLOAD_MAX_PIXELS", default=40_000_000)
# Renditions are made once, when an image is saved, never while a page is served.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "renditions"

# HTTPS. Production answers over HTTPS only, behind a TLS-terminating proxy that says so with
# X-Forwarded-Proto (the proxy must set or overwrite that header on every request). Development
# (`make run`, DEBUG) serves plain http://127.0.0.1, so no redirect, no secure-only cookies.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe these over plain HTTP on the private side.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# HSTS (sent on HTTPS responses only): browsers then refuse plain HTTP for this long.
# A year by default; start lower (3600) on a first deployment if HTTPS is not yet certain.
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
# Opt-in, because they are hard to take back: only when every subdomain serves HTTPS, and
# preload only when the domain is to be submitted to the browsers' preload list.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
# `check --deploy` asks about both; declining them is the operator's decision, made above.
SILENCED_SYSTEM_CHECKS = [
    check
    for check, opted_in in [
        ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
        ("security.W021", SECURE_HSTS_PRELOAD),
    ]
    if not opted_in
]
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG

# Headers on every response (static files too: these middlewares wrap WhiteNoise).
SECURE_CONTENT_TYPE_NOSNIFF = True
# Sites we link to learn that a reader came from us, never from which page.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style without the request's nonce ({% csp_nonce_attr %}); the site's own
# CSS and JS live in files. The admin marks its few inline blocks with the nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Browser features the site never uses, refused to its pages and anything they embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Addresses or networks of the reverse proxies in front (e.g. 127.0.0.1 for nginx on the same
# machine): only their X-Forwarded-For is believed for the client's address, which the admin
# login throttle and the comment rate limit count by. Empty: REMOTE_ADDR as the server saw it.
try:
    TRUSTED_PROXIES = [
        str(ipaddress.ip_network(p)) for p in env.list("DJANGO_TRUSTED_PROXIES", default=[])
    ]
except ValueError as error:
    raise ImproperlyConfigured(f"DJANGO_TRUSTED_PROXIES: {error}") from error

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # For its sitemap templates; the site needs no django.contrib.sites (it answers for one).
    "django.contrib.sitemaps",
    # Its deployment checks (newsroom/checks.py).
    "newsroom",
    "articles",
    "comments",
    # Lead image renditions (articles/renditions.py), and its `generateimages` command.
    "imagekit",
]

MIDDLEWARE = [
    # First: everything after it that counts by client address sees the real one.
    "newsroom.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The header middlewares come before WhiteNoise so that static files carry the headers too
    # (an SVG opened on its own can run script); they cost no query.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.RejectNulBytesMiddleware",
    # Kept pages for readers without cookies of their own go out here, before the middleware
    # below has anything to do (newsroom/caching/pages.py).
    "newsroom.caching.pages.PageCacheMiddleware",
    # With a replica, newsroom.replica.ReplicaReadsMiddleware goes here (see DATABASES): kept
    # pages read nothing.
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The admin's token. The public comment forms are exempt: they are checked by the browser's
    # Sec-Fetch-Site and Origin headers instead (newsroom/cross_origin.py).
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "articles.context_processors.navigation",
            ],
            # {% site_name %} in every template, the error pages included.
            "builtins": ["newsroom.templatetags.site"],
        },
    },
    # The few templates that repeat their markup hundreds of times a page, where Django's
    # template language costs most of the page's time: templates/jinja2 (one so far, a thread's
    # comments).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "OPTIONS": {"environment": "newsroom.templating.environment"},
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# A PostgreSQL streaming replica that GET requests may read from (newsroom/replica.py).
if _replica_url := env.str("DATABASE_REPLICA_URL", default=""):
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs DATABASE_URL to be PostgreSQL.")
    DATABASES["replica"] = env.db_url_config(_replica_url)
    # A replica that cannot be reached is given up on quickly: the primary answers instead.
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    # Tests read the test database through it, as the primary's copy.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.replica.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("newsroom.caching.pages.PageCacheMiddleware") + 1,
        "newsroom.replica.ReplicaReadsMiddleware",
    )
# Seconds a reader who sent a form reads from the primary, so their own change shows however far
# the replica lags behind it.
DATABASE_REPLICA_PIN_SECONDS = env.int("DATABASE_REPLICA_PIN_SECONDS", default=60)
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        # Reuse connections between requests, and check them first so a restarted
        # PostgreSQL costs one failed request at most rather than a broken worker.
        _database.setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
        _database["CONN_HEALTH_CHECKS"] = True
        # Planner settings for a web site's queries (a URL's own `?options=` replaces them):
        # - reading a row out of order costs about as much as in order, as on SSDs and with
        #   the data in memory (PostgreSQL's default of 4 is for spinning disks), so deep
        #   pages of a section walk the section's index rather than the front page's;
        # - one core a query: parallel workers made a long thread's query slower, and take the
        #   cores that other requests are waiting for.
        _database.setdefault("OPTIONS", {}).setdefault(
            "options", "-c random_page_cost=1.1 -c max_parallel_workers_per_gather=0"
        )

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets pages be read while a comment is written, and NORMAL syncs once per
            # checkpoint instead of once per commit (safe in WAL mode).
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            # Take the write lock when a transaction starts, so concurrent writers wait
            # their turn (up to the timeout) instead of failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # One client per process, and the site carries on without the cache while Redis is away
    # (newsroom/redis_cache.py).
    CACHES["default"]["BACKEND"] = "newsroom.redis_cache.RedisCache"
    # A Redis that stops answering costs a request a second at most, not a worker stuck.
    CACHES["default"].setdefault("OPTIONS", {})
    CACHES["default"]["OPTIONS"].setdefault("socket_connect_timeout", 1)
    CACHES["default"]["OPTIONS"].setdefault("socket_timeout", 1)

# Whole public pages (newsroom/caching/pages.py), kept in the cache for this long at most. A cache
# local to each process cannot tell the other processes about a change, so pages are kept only in
# a shared cache by default.
PAGE_CACHE_SECONDS = env.int(
    "PAGE_CACHE_SECONDS", default=60 if is_shared(CACHES["default"]["BACKEND"]) else 0
)
# How long an edge cache (Varnish, nginx, a CDN) may keep a public page (s-maxage), and serve it
# stale while it asks for a new copy (stale-while-revalidate). Without purges at the edge, the
# most a reader's page can lag behind a change (listings' comment counts lag this much anyway).
PAGE_CACHE_SHARED_SECONDS = env.int("PAGE_CACHE_SHARED_SECONDS", default=30)
# The edge caches to purge by tag after a change commits: URLs that take `PURGE` with an
# `xkey-purge` header (deploy/varnish/). None by default.
EDGE_CACHES = env.list("EDGE_CACHES", default=[])
for _edge in EDGE_CACHES:
    if not re.fullmatch(r"https?://[^/\s]+/?", _edge):
        raise ImproperlyConfigured(f"EDGE_CACHES: {_edge!r} is not like http://127.0.0.1:6081/")

_email = env.email_url("EMAIL_URL", default="consolemail://")
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {
            key: value
            for key, value in {
                "host": _email.get("EMAIL_HOST"),
                "port": _email.get("EMAIL_PORT"),
                "username": _email.get("EMAIL_HOST_USER"),
                "password": _email.get("EMAIL_HOST_PASSWORD"),
                "use_tls": _email.get("EMAIL_USE_TLS"),
                "use_ssl": _email.get("EMAIL_USE_SSL"),
            }.items()
            if value
        }
        if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# Seeds carry a date only: an article counts as published from the start of that day here.
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic gathers the files WhiteNoise serves in production.
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": MEDIA_S3_ENDPOINT_URL or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            # Empty: boto3 finds credentials itself (an instance role, ~/.aws).
            "access_key": env.str("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": MEDIA_S3_CUSTOM_DOMAIN or None,
            # Public images at plain, stable addresses: pages are cached, signed links expire.
            "querystring_auth": False,
            "file_overwrite": False,
            # A file's name is never reused (file_overwrite), so browsers may keep it for good.
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    if MEDIA_S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names in production; plain files while developing so
        # `make run` needs no collectstatic.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

# Request size limits. The largest legitimate form is an article edited in the admin (a long
# article is about 100 KB of text): 1 MB leaves room, and caps what one request can make a
# worker hold in memory. A larger body is refused with 400 before any view runs.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# An admin list's bulk action posts one field per selected row (100 rows a page): room enough.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# Uploaded files above this size are spooled to a temporary file rather than kept in memory;
# it limits memory, not what may be uploaded (the seed import has SEED_UPLOAD_MAX_BYTES).
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# The site's name: page titles, feeds, the admin's header, the publisher in structured data.
SITE_NAME = env.str("SITE_NAME", default="Newsroom")

# The admin
# Its address. Moving it off the well-known admin/ keeps most password-guessing robots away.
ADMIN_PATH = env.str("DJANGO_ADMIN_PATH", default="admin/")
if not re.fullmatch(r"([A-Za-z0-9._~-]+/)+", ADMIN_PATH):
    raise ImproperlyConfigured(
        "DJANGO_ADMIN_PATH must look like backstage/: no leading slash, a trailing one."
    )
# Failed logins that lock an address or a username out of the admin login, and for how long
# (the failures are counted over the same time). An office behind one address shares the first.
ADMIN_LOGIN_MAX_FAILURES_PER_ADDRESS = env.int("ADMIN_LOGIN_MAX_FAILURES_PER_ADDRESS", default=20)
ADMIN_LOGIN_MAX_FAILURES_PER_USER = env.int("ADMIN_LOGIN_MAX_FAILURES_PER_USER", default=5)
ADMIN_LOGIN_LOCKOUT_MINUTES = env.int("ADMIN_LOGIN_LOCKOUT_MINUTES", default=15)

# Articles
# Largest seed file an editor may upload on the admin's import page; larger ones are refused
# before they are read. (DATA_UPLOAD_MAX_NUMBER_FILES, 100, bounds how many go at once.)
SEED_UPLOAD_MAX_BYTES = env.int("SEED_UPLOAD_MAX_BYTES", default=1024 * 1024)
# Searches allowed from one address a minute; more are answered with HTTP 429.
SEARCH_RATE_PER_MINUTE = env.int("SEARCH_RATE_PER_MINUTE", default=20)
# A search still running after this many milliseconds is stopped and the reader asked for a
# narrower one (PostgreSQL; HTTP 503).
SEARCH_TIMEOUT_MS = env.int("SEARCH_TIMEOUT_MS", default=1000)
# Searches that may run at once across the site (counted in the cache: per process without
# Redis); more are answered with HTTP 503, so that searches never take every worker.
SEARCH_CONCURRENCY = env.int("SEARCH_CONCURRENCY", default=2)

# Comments
# The site's moderation policy: open (publish unless a rule holds a comment), premoderated
# (hold every comment) or closed. Sections and articles can override it in the admin.
COMMENTS_POLICY = env.str("COMMENTS_POLICY", default="open")
if COMMENTS_POLICY not in {"open", "premoderated", "closed"}:
    raise ImproperlyConfigured("COMMENTS_POLICY must be open, premoderated or closed.")
# Threads close by themselves this many days after the article's publication; 0, the default,
# keeps them open until an editor closes one (a policy of "closed").
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=0)
# Posting attempts allowed from one address; more are answered with HTTP 429.
COMMENTS_RATE_PER_MINUTE = env.int("COMMENTS_RATE_PER_MINUTE", default=5)
COMMENTS_RATE_PER_HOUR = env.int("COMMENTS_RATE_PER_HOUR", default=30)
# A comment with more links than this is held for moderation.
COMMENTS_MAX_LINKS = env.int("COMMENTS_MAX_LINKS", default=2)
# Words or phrases that hold a comment for moderation, beside those listed in the admin.
COMMENTS_BLOCKED_WORDS = env.list("COMMENTS_BLOCKED_WORDS", default=[])
# A form sent sooner than this after the page was shown is refused as a robot's.
COMMENTS_MIN_FORM_SECONDS = env.int("COMMENTS_MIN_FORM_SECONDS", default=3)
# A form older than this is refused with a request to post again.
COMMENTS_MAX_FORM_AGE_HOURS = env.int("COMMENTS_MAX_FORM_AGE_HOURS", default=24)
# How long the browser that posted a comment may edit or delete it.
COMMENTS_EDIT_MINUTES = env.int("COMMENTS_EDIT_MINUTES", default=10)
# Commenters' addresses are erased after this many days by `manage.py purge_comment_addresses`.
COMMENTS_ADDRESS_RETENTION_DAYS = env.int("COMMENTS_ADDRESS_RETENTION_DAYS", default=30)
# Reports from this many different readers hide a comment until a moderator decides, once the
# first of them is at least COMMENTS_REPORTS_SPREAD_MINUTES older than the latest: a burst of
# reports from a few addresses acting together hides nothing by itself.
COMMENTS_REPORTS_TO_HIDE = env.int("COMMENTS_REPORTS_TO_HIDE", default=3)
COMMENTS_REPORTS_SPREAD_MINUTES = env.int("COMMENTS_REPORTS_SPREAD_MINUTES", default=10)
# Reports one address (an IPv6 /64) may send an hour; more get HTTP 429.
COMMENTS_REPORTS_PER_HOUR = env.int("COMMENTS_REPORTS_PER_HOUR", default=10)
# Who is emailed when a comment is held: these addresses, and the active members of the
# Moderators group that have an email address.
COMMENTS_MODERATOR_EMAILS = env.list("COMMENTS_MODERATOR_EMAILS", default=[])
# Each of them gets at most one email (a digest of the comments waiting) in this many minutes.
COMMENTS_DIGEST_MINUTES = env.int("COMMENTS_DIGEST_MINUTES", default=5)
# Comment text is urlized; link bare domains (example.com) with https://, Django 2028's default,
# rather than http:// and a deprecation warning.
URLIZE_ASSUME_HTTPS = True
