"""Rate limiting per client: one limiter, used for the whole API and for the visit counter.

Every request under `/api/` counts against API_RATE_LIMIT_PER_MINUTE for its client;
past it the answer is 429 problem+json with Retry-After. The visit counter applies the
same limiter again with its own, lower cap (`home.api`), so a loop cannot inflate views.

Counters live in Django's cache. With several server processes CACHE_URL must name a
shared cache (Redis), or each process limits on its own.

The client is REMOTE_ADDR. Behind reverse proxies, NUM_PROXIES says how many entries of
X-Forwarded-For (from the right) were added by them; entries further left are whatever
the client sent, so X-Forwarded-For is never read without NUM_PROXIES. A server-side
frontend (Next.js rendering for every reader from one address) is listed in
API_RATE_LIMIT_EXEMPT so it is not limited as one client.
"""

import ipaddress
import math
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse

from cms.problems import problem

WINDOW_SECONDS = 60
LIMITED_PATH_PREFIX = "/api/"


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    num_proxies = getattr(settings, "NUM_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if num_proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",")]
    try:
        return str(ipaddress.ip_address(hops[-min(num_proxies, len(hops))]))
    except ValueError:
        return remote


def seconds_until_allowed(scope: str, address: str, limit: int) -> int:
    """0 while the client is within `limit` requests of its minute, else the seconds left.

    The minute starts at the client's first request, and its start is part of the
    counter's key, so Retry-After is exact and a new minute starts a new count.
    """
    now = time.time()
    started = cache.get_or_set(f"ratelimit:{scope}:since:{address}", now, WINDOW_SECONDS)
    key = f"ratelimit:{scope}:requests:{address}:{started}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        requests = cache.incr(key)
    except ValueError:  # evicted between add and incr
        requests = 1
    if requests <= limit:
        return 0
    return max(1, math.ceil(started + WINDOW_SECONDS - now))


def too_many_requests(wait: int, limit: int, what: str = "requests") -> JsonResponse:
    detail = f"At most {limit} {what} a minute from one client; retry in {wait} s."
    response = problem(429, "Too many requests", detail)
    response["Retry-After"] = str(wait)
    response["Cache-Control"] = "no-store"  # another client behind a shared cache is not limited
    return response


def exempt_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.API_RATE_LIMIT_EXEMPT]


def is_exempt(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in exempt_networks())


class RateLimitMiddleware:
    """API_RATE_LIMIT_PER_MINUTE requests per client under /api/; CORS preflights are free."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.API_RATE_LIMIT_PER_MINUTE
        if (
            limit > 0
            and request.path.startswith(LIMITED_PATH_PREFIX)
            and request.method != "OPTIONS"
        ):
            address = client_address(request)
            if not is_exempt(address):
                wait = seconds_until_allowed("api", address, limit)
                if wait:
                    return too_many_requests(wait, limit)
        return self.get_response(request)
