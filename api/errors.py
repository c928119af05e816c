"""One error shape for the whole API: whatever goes wrong under `/api/` is problem+json.

Three pieces:
- `ApiInputMiddleware` refuses, before any view, query strings no endpoint can use: bytes
  that are not UTF-8 (`%FF`; Django would silently turn them into U+FFFD) and values
  longer than API_MAX_PARAMETER_CHARS, each a 400 naming the parameter. A NUL character
  (which PostgreSQL cannot take in a query) is read as a space, the search API's rule
  for pasted text, everywhere: `q=hoà%00giải` searches "hoà giải", `limit=1%000` is no
  number and gets the endpoint's own 400.
- the same middleware turns any other error response under `/api/` that is not JSON
  already (Django's 404 and 500 pages, django-ninja's bare 405) into problem+json
  with the same status, and an unhandled exception into a logged 500 problem;
- `unknown_api_url`, mounted last under `/api/`, answers unknown API URLs with a 404
  instead of letting Wagtail's page router answer them with an HTML page.
"""

import logging
import re
import sys
from collections.abc import Callable
from http import HTTPStatus
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt

from api.problems import bad_parameter, problem

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
ENCODED_NUL = re.compile("%00")
JSON_TYPES = ("application/json", "application/problem+json")


def without_nul(query_string: str) -> str:
    return ENCODED_NUL.sub("%20", query_string).replace("\x00", "%20")


def query_problem(query_string: str) -> HttpResponse | None:
    """A 400 for the first parameter that is not valid UTF-8 or is too long."""
    limit = settings.API_MAX_PARAMETER_CHARS
    for pair in query_string.split("&"):
        if not pair:
            continue
        raw_name, _, raw_value = pair.partition("=")
        name_bytes = unquote_to_bytes(raw_name.replace("+", " "))
        value_bytes = unquote_to_bytes(raw_value.replace("+", " "))
        name = name_bytes.decode("utf-8", errors="replace")[:50]
        try:
            value = value_bytes.decode("utf-8")
            name_bytes.decode("utf-8")
        except UnicodeDecodeError:
            return bad_parameter(name, "is not valid UTF-8 (percent-encode UTF-8 bytes)")
        if len(value) > limit or len(name_bytes) > limit:
            return bad_parameter(name, f"is longer than {limit} characters")
    return None


def as_problem(response: HttpResponse) -> HttpResponse:
    status = response.status_code
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    details = {
        404: "No API endpoint or object at this URL; the list of endpoints is at /api/.",
        405: f"This URL answers {response.get('Allow', 'other methods')} only.",
    }
    reply = problem(status, title, details.get(status, title + "."))
    for header in ("Allow", "Retry-After", "Cache-Control"):
        if response.has_header(header):
            reply[header] = response[header]
    return reply


class ApiInputMiddleware:
    """Bad query strings → 400, NUL → space; non-JSON errors and crashes → problem+json."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if "\x00" in request.path:
            return problem(400, "Bad request", "The path must not contain NUL characters.")
        query_string = request.META.get("QUERY_STRING", "")
        refused = query_problem(query_string)
        if refused is not None:
            return refused
        if "%00" in query_string or "\x00" in query_string:
            request.META["QUERY_STRING"] = without_nul(query_string)
            request.__dict__.pop("GET", None)  # parsed again from the cleaned string
        response = self.get_response(request)
        unavailable = getattr(request, "database_unavailable", None)
        if response.status_code == 500 and unavailable is not None:
            return database_unavailable(request, unavailable)
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if response.status_code >= 400 and content_type not in JSON_TYPES:
            return as_problem(response)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith(API_PREFIX) or settings.DEBUG:
            return None  # in development, Django's debug page is more useful
        if is_database_outage(exception):
            return database_unavailable(request, exception)
        logger.exception("Unhandled error in %s", request.path, exc_info=exception)
        return problem(500, "Internal server error", "The error has been logged.")


def note_database_unavailable(sender, request=None, **kwargs):
    """A middleware's query (the ETag's content version, a redirect lookup) fails before
    any view: Django turns it into a 500 page, and only this signal sees the cause."""
    error = sys.exc_info()[1]
    if request is not None and error is not None and is_database_outage(error):
        request.database_unavailable = error


def is_database_outage(error: BaseException) -> bool:
    """The database went away, as opposed to a query that is wrong.

    An OperationalError or InterfaceError anywhere in the exception's chain; or any
    other database error raised while a connection is lost: a query cut off by a
    server shutdown can surface as a ProgrammingError ("the last operation didn't
    produce a result") or in a code path that caught and re-raised it.
    """
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, (OperationalError, InterfaceError)):
            return True
        cause = cause.__cause__ or cause.__context__
    if isinstance(error, DatabaseError):
        return any(connection_lost(c) for c in connections.all(initialized_only=True))
    return False


def connection_lost(connection) -> bool:
    driver_connection = connection.connection
    if driver_connection is None:
        return False
    # psycopg marks a connection the server dropped as closed (and broken).
    return bool(
        getattr(driver_connection, "closed", False) or getattr(driver_connection, "broken", False)
    )


# Seconds a client should wait: PostgreSQL restarts in about that long.
DATABASE_RETRY_AFTER = 5


def database_unavailable(request: HttpRequest, error: Exception) -> HttpResponse:
    """The database is restarting or out of reach: a passing state, not a bug — a 503
    that clients and caches may retry, and the worker reconnects on the next request."""
    logger.warning("Database unavailable for %s: %s", request.path, error)
    response = problem(
        503, "Service unavailable", "The database is briefly unavailable; try again shortly."
    )
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    return response


# An unknown URL answers 404 to every method: CSRF's 403 would be an answer the API
# does not document, and nothing here changes state.
@csrf_exempt
def unknown_api_url(request: HttpRequest, rest: str = "") -> HttpResponse:
    """404 for any `/api/…` URL no endpoint claims; `/api/v2/pages` → `/api/v2/pages/`."""
    if not request.path.endswith("/") and request.method in ("GET", "HEAD"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not unknown_api_url:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return problem(404, "Not found", f"No API endpoint at {request.path}; see /api/ for the list.")
