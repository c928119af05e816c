"""Local development: debug on, a fixed insecure key unless one is given."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-dev-only-never-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
CORS_ALLOWED_ORIGINS = env.list(
    "CORS_ALLOWED_ORIGINS", default=["http://localhost:3000", "http://127.0.0.1:3000"]
)
STORAGES = {
    **STORAGES,  # noqa: F405
    # No collectstatic step in development.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise expects the folder to exist even when it serves from the apps.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
