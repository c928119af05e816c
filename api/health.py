"""Probes for load balancers and orchestrators.

`/healthz` answers while the process can serve a request at all; `/readyz`
answers 200 only when the database answers, and reports the search backend
as degraded (not failed) because search falls back to the database.
"""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means "not ready"
        return {"status": "unavailable", "error": str(error).splitlines()[0][:200]}
    return {"status": "ok", "vendor": connection.vendor}


def check_search() -> dict:
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    name = type(backend).__module__
    client = getattr(backend, "es", None)
    if client is None:
        return {"status": "ok", "backend": name}
    try:
        client.options(request_timeout=2).cluster.health()
    except Exception as error:
        return {"status": "degraded", "backend": name, "error": str(error)[:200]}
    return {"status": "ok", "backend": name}


@never_cache
@require_GET
def readyz(request):
    checks = {"database": check_database(), "search": check_search()}
    ready = checks["database"]["status"] == "ok"
    body = {"status": "ok" if ready else "unavailable", "checks": checks}
    return JsonResponse(body, status=200 if ready else 503)
