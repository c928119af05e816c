"""Settings for bench/api_load.py's servers: production, plus the bare views' URLconf.

The bench starts gunicorn with `bench/` on PYTHONPATH and
DJANGO_SETTINGS_MODULE=api_load_settings; everything else is cms.settings.production
with the environment the bench gives it (DATABASE_URL of a scratch database,
SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT=false, CACHE_URL).
"""

from cms.settings.production import *  # noqa: F403

ROOT_URLCONF = "api_load_site"
