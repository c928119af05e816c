"""Settings shared by every environment.

Everything an operator may change comes from the environment (django-environ);
`.env.example` and the README list the variables. `dev`, `production` and
`test` only override what differs.
"""

import importlib.util
import ipaddress
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
# A developer's local overrides; operators set real environment variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "articles",
    "search",
    "editorial",
    "api",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtailmedia",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    # Only for its static files: /api/docs serves Swagger UI from here, not from a CDN.
    "ninja",
    "corsheaders",
    "axes",
    # Background tasks (renditions, webhooks, Wagtail's search and reference index):
    # queued in the database, run by `manage.py db_worker`.
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response: per path (cms/content_security.py).
    "api.content_security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # /api/: bad query strings → 400, every error as problem+json; then the rate limit.
    "api.errors.ApiInputMiddleware",
    "api.rate_limit.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: picks the admin language per user/request.
    "django.middleware.locale.LocaleMiddleware",
    "home.translation_admin.AdminLanguageMiddleware",
    # After locale (the language is part of the ETag): 304s before any view runs.
    "home.http_caching.ContentVersionCachingMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as axes asks: turns a sign-in lockout into its answer (editorial/lockout.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


def sqlite_options_for_concurrent_writers() -> dict:
    """SQLite with several workers: a second writer waits its turn instead of failing.

    IMMEDIATE takes the write lock when a transaction begins, so two transactions never
    both read and then both try to write — the deadlock SQLite answers at once with
    "database is locked", whatever the timeout. `timeout` is how long a writer waits for
    the lock (SQLITE_BUSY_TIMEOUT seconds). WAL lets readers go on while one writes.
    """
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
        "init_command": "PRAGMA journal_mode=WAL",
    }


def database_from_env() -> dict:
    """Parse DATABASE_URL, turning a malformed value into one readable line."""
    default = f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"
    raw = env.str("DATABASE_URL", default=default)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the error below says it in one line
            config = env.db_url_config(raw)
    except Exception as error:  # django-environ raises several types here
        raise ImproperlyConfigured(f"DATABASE_URL is malformed ({error})") from None
    engine = config.get("ENGINE") or ""
    if not engine or importlib.util.find_spec(engine) is None:
        scheme = raw.split("://")[0] if "://" in raw else raw
        raise ImproperlyConfigured(f"DATABASE_URL has an unknown scheme: {scheme!r}")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config.setdefault("OPTIONS", {}).update(sqlite_options_for_concurrent_writers())
    else:
        # Fail fast when the server is unreachable instead of hanging a worker.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    config["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# axes first: a locked-out username or address is refused before any password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# --- Sign-in lockout (django-axes; the rules are explained in editorial/lockout.py) -------
# A username locks after LOGIN_FAILURES_PER_USERNAME failures from anywhere; an address
# after LOGIN_FAILURES_PER_ADDRESS failures across usernames (higher: an office shares
# one NAT address). Both count over, and unlock after, LOGIN_LOCKOUT_MINUTES.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURES_PER_USERNAME", default=5)
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
# Tries during a lockout do not extend it: the wait the message states is the real one.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = "editorial.lockout.LockoutHandler"
AXES_LOCKOUT_CALLABLE = "editorial.lockout.lockout_response"
# The one definition of the client's address (X-Forwarded-For only from trusted proxies).
AXES_CLIENT_IP_CALLABLE = "api.rate_limit.client_address"
AXES_ENABLE_ADMIN = False  # no Django admin here; the Wagtail admin has the screen
WAGTAILADMIN_USER_LOGIN_FORM = "editorial.lockout.LoginForm"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language, time and dates: Vietnamese first -------------------------------
LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's own `vi` formats use dd-mm-yyyy; Vietnamese administrative writing
# (Nghị định 30/2020/NĐ-CP) uses dd/mm/yyyy, so we override them.
FORMAT_MODULE_PATH = ["cms.formats"]
# Content in Vietnamese first, then English (Nghị định 42/2022/NĐ-CP, art. 7: structure,
# functions and contacts at least) and Khmer for the province's Khmer community.
# Wagtail requires content languages to be among LANGUAGES; the admin itself
# speaks only Vietnamese and English (WAGTAILADMIN_PERMITTED_LANGUAGES).
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English"), ("km", "ភាសាខ្មែរ")]
LOCALE_PATHS = [BASE_DIR / "locale"]

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Editors may switch the admin to English in their account settings.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# A new translation stays a draft until its translator publishes it: the copy
# wagtail-localize makes starts out in Vietnamese.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False


def machine_translator_from_env() -> dict | None:
    """MACHINE_TRANSLATOR turns wagtail-localize's machine translation on (off by
    default: every service it knows needs the internet). A short name or a class
    path; MACHINE_TRANSLATOR_OPTIONS is a JSON object of the service's options."""
    name = env.str("MACHINE_TRANSLATOR", default="").strip()
    if not name:
        return None
    known = {
        "deepl": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "google": "wagtail_localize.machine_translators.google.GoogleCloudTranslator",
        "libretranslate": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        # Reverses the words: for trying the workflow out, never for real content.
        "dummy": "wagtail_localize.machine_translators.dummy.DummyTranslator",
    }
    class_path = known.get(name.lower(), name)
    if "." not in class_path:
        choices = ", ".join(sorted(known))
        raise ImproperlyConfigured(
            f"MACHINE_TRANSLATOR is unknown: {name!r} (one of {choices}, or a class path)"
        )
    try:
        options = env.json("MACHINE_TRANSLATOR_OPTIONS", default={})
    except ValueError as error:
        raise ImproperlyConfigured(f"MACHINE_TRANSLATOR_OPTIONS is not JSON ({error})") from None
    if not isinstance(options, dict):
        raise ImproperlyConfigured("MACHINE_TRANSLATOR_OPTIONS must be a JSON object")
    return {"CLASS": class_path, "OPTIONS": options}


WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_from_env()
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# --- Static and media -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Documents (and only they) are kept here, outside MEDIA_ROOT, so nothing that serves
# MEDIA_URL can hand out a document from a login-restricted collection (cms/storage.py).
DOCUMENTS_ROOT = Path(env.str("DOCUMENTS_ROOT", default=str(BASE_DIR / "var" / "documents")))
STORAGES = {
    "default": {"BACKEND": "cms.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail's editor can post many fields on a long page.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env.str("WAGTAIL_SITE_NAME", default="Cổng thông tin điện tử")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Unset, API URLs (media, documents, v2) take the request's host and port (api/absolute_urls.py).
WAGTAILAPI_BASE_URL = env.str("WAGTAILAPI_BASE_URL", default="")
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "ppt",
    "pptx",
    "txt",
    "zip",
]
# Every download goes through Wagtail's view, which checks the collection's privacy.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "articles.document_form.DocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("WAGTAILDOCS_MAX_UPLOAD_SIZE", default=20 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Decoding costs about 4 bytes a pixel: an 11000×11000 upload took 2.6 GB and 33 s to
# resize. 40 megapixels (a 7700×5200 photo, ~160 MB decoded) is more than any camera
# photo a portal shows; Wagtail's form refuses larger uploads (its default is 128 MP).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", default=40_000_000)
# Checks that cap from the file's header, before anything decodes it (articles/image_form.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "articles.image_form.ImageForm"
WAGTAILSEARCH_HITS_MAX_AGE = 30
# Uploaded video and audio for video galleries (wagtailmedia).
WAGTAILMEDIA = {"MEDIA_MODEL": "wagtailmedia.Media"}
WAGTAIL_ENABLE_UPDATE_CHECK = False


def search_backends_from_env() -> dict:
    """SEARCH_URL selects Elasticsearch; without it the database (SQLite or PostgreSQL) serves
    search. Both use the Vietnamese analysis in `search/`."""
    url = env.str("SEARCH_URL", default="")
    if not url:
        return {"default": {"BACKEND": "search.backends.database"}}
    return {
        "default": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [url],
            "INDEX_PREFIX": env.str("SEARCH_INDEX_PREFIX", default="govcms_"),
            "TIMEOUT": env.int("SEARCH_TIMEOUT", default=5),
            # A save waits this long for Elasticsearch, then records the update for later.
            "WRITE_TIMEOUT": env.float("SEARCH_WRITE_TIMEOUT", default=1.0),
        }
    }


WAGTAILSEARCH_BACKENDS = search_backends_from_env()

# --- API and CORS -------------------------------------------------------------------
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
# The API is read-only and public; only it is exposed cross-origin.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_EXPOSE_HEADERS = ["Retry-After", "ETag"]
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Sessions only (the admin's own API calls). DRF's default also takes HTTP Basic
    # passwords on every endpoint, which made /api/v2/ a password-guessing oracle.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
}
# The visit counter counts one view per client and page within this window, so a
# reload loop cannot inflate "Số lượt truy cập" (visits).
VISIT_COUNT_WINDOW_SECONDS = env.int("VISIT_COUNT_WINDOW_SECONDS", default=30 * 60)


def trusted_proxies_from_env() -> list[str]:
    """TRUSTED_PROXIES: the reverse proxies (addresses or networks) whose X-Forwarded-For
    is believed; from anyone else the header is ignored (api.rate_limit.client_address)."""
    if env.str("NUM_PROXIES", default="") and "TRUSTED_PROXIES" not in env:
        # NUM_PROXIES trusted the header from any sender; failing beats silently changing
        # every reader's identity to the proxy's address.
        raise ImproperlyConfigured(
            "NUM_PROXIES is replaced by TRUSTED_PROXIES: list your proxies' addresses or networks"
        )
    entries = env.list("TRUSTED_PROXIES", default=[])
    try:
        return [str(ipaddress.ip_network(entry, strict=False)) for entry in entries]
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES has a bad entry ({error})") from None


TRUSTED_PROXIES = trusted_proxies_from_env()
# Requests a minute per client on /api/ (0: no limit); past it, 429 with Retry-After.
# A server-side frontend rendering for every reader from one address goes in the
# exempt list (addresses or networks, e.g. 10.0.0.0/8). Loopback is exempt by default:
# behind a proxy on the same host without TRUSTED_PROXIES, every reader arrives from it.
API_RATE_LIMIT_PER_MINUTE = env.int("API_RATE_LIMIT_PER_MINUTE", default=600)
API_RATE_LIMIT_EXEMPT = env.list("API_RATE_LIMIT_EXEMPT", default=["127.0.0.1", "::1"])
# Longer query values are refused with a 400 before any view sees them.
API_MAX_PARAMETER_CHARS = env.int("API_MAX_PARAMETER_CHARS", default=2000)
# HTTP caching of /api/, the sitemap and the feeds (api/conditional.py). Seconds a
# browser (max-age) or a shared cache (s-maxage) may reuse a response without asking;
# 0 means every use is revalidated with the ETag, which answers 304 cheaply.
API_CACHE_MAX_AGE = env.int("API_CACHE_MAX_AGE", default=0)
API_CACHE_SHARED_MAX_AGE = env.int("API_CACHE_SHARED_MAX_AGE", default=0)
# A CDN or Varnish in front: publishing purges the page's API URLs with an HTTP
# PURGE sent here (wagtail.contrib.frontend_cache's HTTP backend).
if env.str("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env.str("FRONTEND_CACHE_PURGE_URL"),
        }
    }
# The public site (Next.js, Nuxt …): the sitemap and the feeds link to its URLs.
# Unset, they link to the Wagtail site's own address.
FRONTEND_BASE_URL = env.str("FRONTEND_BASE_URL", default="")
# The frontend route that shows drafts: the admin's Preview opens
# FRONTEND_PREVIEW_URL?id=…&token=…; tokens expire after PREVIEW_TOKEN_SECONDS.
FRONTEND_PREVIEW_URL = env.str("FRONTEND_PREVIEW_URL", default="")
PREVIEW_TOKEN_SECONDS = env.int("PREVIEW_TOKEN_SECONDS", default=10 * 60)
# A page asked for in a language it has no version in: "404", or "default" to
# serve the default language's version with meta.is_fallback = true.
API_TRANSLATION_FALLBACK = env.str("API_TRANSLATION_FALLBACK", default="default")
# Page details and listing cards are served from JSON stored when content changes
# (articles/representations/); False assembles every response from the content model.
PAGE_JSON_STORE = env.bool("PAGE_JSON_STORE", default=True)

# Shared by every worker by default (gunicorn runs several): rate limits and visit
# windows count per client, not per process. The table comes from `createcachetable`
# (the image's entrypoint and `make run` run it); Redis (`redis://…`) is faster.
# --- Content-Security-Policy (django-csp) -----------------------------------------------
# The admin's policy (and any page not under /api/, which has its own: cms/content_security.py).
# Scripts and styles from this host only, plus inline ones: Wagtail 8's admin templates
# carry inline scripts (no nonce support), so 'unsafe-inline' is the price of a working
# editor; nothing may come from another host, and eval stays forbidden. Preview frames the
# frontend's preview route; the editor's embed previews frame the video sites.
_FRONTEND_PREVIEW_ORIGIN = urlsplit(FRONTEND_PREVIEW_URL)
# Editors' avatars are Wagtail's own, not Gravatar's: no e-mail hash leaves for a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https://i.ytimg.com", "https://i.vimeocdn.com"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "frame-src": [
            "'self'",
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
            "https://www.facebook.com",
            *(
                [f"{_FRONTEND_PREVIEW_ORIGIN.scheme}://{_FRONTEND_PREVIEW_ORIGIN.netloc}"]
                if _FRONTEND_PREVIEW_ORIGIN.netloc
                else []
            ),
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

CACHES = {
    "default": env.cache_url("CACHE_URL", default="dbcache://django_cache"),
}

# Work that must not hold an editor's request (resizing images, calling webhooks) is
# queued in the database and run by `manage.py db_worker` (`make run` starts one; the
# compose file's `worker` service in production). Tests run tasks immediately.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # One line per background task is noise at INFO; failures still show.
        "django_tasks": {"level": "WARNING"},
        # axes reports every failed sign-in at INFO; lockouts still show as warnings.
        "axes": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        "wagtail": {"level": env.str("WAGTAIL_LOG_LEVEL", default="WARNING")},
    },
}
