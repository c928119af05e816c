"""Rate limiting per client: the whole API's limit, and ninja throttles for single operations.

Every request under `/api/` counts against API_RATE_LIMIT_PER_MINUTE for its client;
past it the answer is 429 problem+json with Retry-After. That limit stays a middleware
because ninja's throttles see only ninja operations, and the same count must cover
Wagtail's `/api/v2/` (Django REST framework views) and unknown `/api/` URLs.
An operation with a cap of its own (the visit counter's, so a loop cannot inflate
views) uses ninja's throttling with `ClientRateThrottle`.

Counters live in Django's cache. With several server processes CACHE_URL must name a
shared cache (Redis), or each process limits on its own.

The client is `client_address()`, the one definition every per-client count uses. A
server-side frontend (Next.js rendering for every reader from one address) is listed in
API_RATE_LIMIT_EXEMPT so it is not limited as one client.
"""

import functools
import ipaddress
import math
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.throttling import SimpleRateThrottle

from api.problems import problem

WINDOW_SECONDS = 60
LIMITED_PATH_PREFIX = "/api/"


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, unless that is one of TRUSTED_PROXIES.

    X-Forwarded-For is whatever the sender wrote, except the entries a trusted proxy
    appended. So it is read from the right only while the hop that handed it over is a
    trusted proxy; the first address that is not one is the client. A client connecting
    directly (REMOTE_ADDR not a proxy) cannot change its identity with the header.
    """
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    while hops and in_networks(address, trusted_proxy_networks()):
        try:
            address = str(ipaddress.ip_address(hops.pop()))
        except ValueError:  # not written by a proxy: keep the last address one vouched for
            break
    return address


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def parse_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_proxy_networks() -> tuple[Network, ...]:
    return parse_networks(tuple(settings.TRUSTED_PROXIES))


def in_networks(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


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


def too_many_requests(wait: float | None, limit: int | None = None) -> JsonResponse:
    wait = max(1, math.ceil(wait)) if wait else WINDOW_SECONDS
    if limit:
        detail = f"At most {limit} requests a minute from one client; retry in {wait} s."
    else:
        detail = f"Too many requests from one client; retry in {wait} s."
    response = problem(429, "Too many requests", detail)
    response["Retry-After"] = str(wait)
    response["Cache-Control"] = "no-store"  # another client behind a shared cache is not limited
    return response


def is_exempt(address: str) -> bool:
    return in_networks(address, parse_networks(tuple(settings.API_RATE_LIMIT_EXEMPT)))


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


class ClientRateThrottle(SimpleRateThrottle):
    """Ninja's rate throttle, per client as `client_address` sees it (proxies included).

    `ClientRateThrottle("60/m", scope="visits")`: the scope keeps each operation's
    count apart from the others'.
    """

    def __init__(self, rate: str, scope: str):
        self.scope = scope
        super().__init__(rate)

    def get_cache_key(self, request: HttpRequest) -> str:
        return f"throttle:{self.scope}:{client_address(request)}"
