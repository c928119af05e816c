#!/bin/sh
# The container's entrypoint: prepare the database, then run the given command
# (gunicorn by default). Tests run this script outside Docker against the test
# database, so it must not assume it is inside a container.
#
# Background tasks (image renditions, webhook deliveries and retries, search index
# updates) are queued in the database and run by a worker, a second container from
# the same image with the command `python manage.py db_worker --no-reload`
# (docker-compose.yml's `worker` service). Without a worker, uploads and publishes
# still succeed but nothing is resized or sent; run at least one per site.
set -eu

PYTHON="${PYTHON:-python}"

# A configuration error (missing SECRET_KEY, malformed DATABASE_URL, unreachable
# database) ends here with manage.py's one-line message.
"$PYTHON" manage.py check --deploy --fail-level ERROR >/dev/null
"$PYTHON" manage.py migrate --no-input
"$PYTHON" manage.py createcachetable >/dev/null
if [ "${LOAD_DEMO:-0}" = "1" ]; then
    "$PYTHON" manage.py load_demo
fi

if [ "$#" -eq 0 ]; then
    set -- gunicorn cms.wsgi:application \
        --bind "0.0.0.0:${PORT:-8000}" \
        --workers "${GUNICORN_WORKERS:-3}" \
        --access-logfile - \
        --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
fi
exec "$@"
