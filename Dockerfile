# syntax=docker/dockerfile:1
# Production image: one process (gunicorn) serving the admin, the API and static files.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY requirements.lock ./
RUN python -m venv /venv \
    && /venv/bin/pip install --require-virtualenv -r requirements.lock
COPY . .
# Static files are collected at build time so the image needs no writable code dir.
# A throwaway key: production settings refuse placeholders, and this one is never kept.
RUN DJANGO_SETTINGS_MODULE=cms.settings.production \
    SECRET_KEY="$(/venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    /venv/bin/python manage.py collectstatic --no-input

FROM python:3.11-slim-bookworm AS runtime
ENV PYTHONUNBUFFERED=1 \
    PATH=/venv/bin:$PATH \
    PYTHON=/venv/bin/python \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/data/media \
    DOCUMENTS_ROOT=/data/documents \
    PORT=8000
# /data/media: images and videos, a proxy may serve it at /media/. /data/documents:
# documents, served only by the app (it checks the collection's privacy).
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin cms \
    && mkdir -p /data/media /data/documents \
    && chown cms /data/media /data/documents
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=cms /app /app
USER 10001
VOLUME ["/data/media", "/data/documents"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]
ENTRYPOINT ["/app/docker/entrypoint.sh"]
