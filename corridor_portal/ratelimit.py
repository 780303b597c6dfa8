"""Per-client request limits, counted in the shared cache so every worker and server counts together.

    @rate_limit("search")                  # a function view (methods=("POST",) to count only those)
    class MapData(RateLimitMixin, View):   # a class-based view
        rate_limit_group = "map-data"

The limits live in settings.RATE_LIMITS ({"search": "60/m", ...}: count per second, minute, hour or
day); a group missing from it is not limited. Counting is a fixed window per client address (IPv6
by /64, what one household or phone gets) with an atomic INCR and an expiry. Past the limit the
visitor gets the 429 page with Retry-After. If the cache does not answer, requests are let through:
losing the limit for a while is better than losing the site.
"""

import logging
import math
import time
from functools import wraps
from ipaddress import IPv6Address, ip_address, ip_network

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from .errors import too_many_requests

logger = logging.getLogger("corridor_portal.ratelimit")

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """'60/m' -> (60, 60): at most 60 requests per 60 seconds."""
    try:
        count, unit = rate.split("/")
        return int(count), PERIODS[unit.strip().lower()[0]]
    except (ValueError, KeyError, IndexError) as exc:
        raise ImproperlyConfigured(f"Bad rate limit {rate!r}; write it like '60/m' (per s, m, h or d).") from exc


def client_key(request):
    """The client's address as TrustedProxyMiddleware left it; an IPv6 client counts by its /64."""
    address = request.META.get("REMOTE_ADDR", "")
    try:
        ip = ip_address(address)
    except ValueError:
        return "unknown"
    if isinstance(ip, IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def retry_after_if_limited(request, group):
    """Count this request; return the seconds to wait if it is over the group's limit, else None."""
    rate = settings.RATE_LIMITS.get(group)
    if not rate:
        return None
    limit, period = parse_rate(rate)
    now = time.time()
    window = int(now // period)
    key = f"ratelimit:{group}:{client_key(request)}:{window}"
    try:
        cache.add(key, 0, timeout=period + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add() and incr()
            cache.set(key, 1, timeout=period + 1)
            count = 1
    except Exception as exc:
        logger.warning("rate limit not counted, the cache does not answer: %s", type(exc).__name__)
        return None
    if count <= limit:
        return None
    return max(1, math.ceil((window + 1) * period - now))


def rate_limit(group, methods=None):
    """Decorate a view so that each client gets at most settings.RATE_LIMITS[group] requests."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if methods is None or request.method in methods:
                retry_after = retry_after_if_limited(request, group)
                if retry_after is not None:
                    return too_many_requests(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RateLimitMixin:
    """The same limit for a class-based view: set `rate_limit_group` (and `rate_limit_methods`)."""

    rate_limit_group = None
    rate_limit_methods = None

    def dispatch(self, request, *args, **kwargs):
        if self.rate_limit_methods is None or request.method in self.rate_limit_methods:
            retry_after = retry_after_if_limited(request, self.rate_limit_group)
            if retry_after is not None:
                return too_many_requests(request, retry_after)
        return super().dispatch(request, *args, **kwargs)
