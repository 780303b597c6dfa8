"""Request hardening that belongs to the whole site: which proxy to believe, and the Permissions-Policy."""

from functools import cached_property
from ipaddress import ip_address, ip_network

from django.conf import settings

# Headers only a proxy of ours may set; from anyone else they are dropped before Django reads them.
PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_REAL_IP", "HTTP_X_REQUEST_ID")


def _parse_ip(value):
    try:
        return ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


class TrustedProxyMiddleware:
    """Take the client address and scheme from X-Forwarded-* only when the peer is in TRUSTED_PROXIES.

    The client is the right-most X-Forwarded-For entry that is not one of our proxies: entries further
    left were written by the client itself and prove nothing. Must come first in MIDDLEWARE, so that
    SecurityMiddleware (SECURE_PROXY_SSL_HEADER), the rate limits and the logs see the real values.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def networks(self):
        return [ip_network(proxy, strict=False) for proxy in settings.TRUSTED_PROXIES]

    def is_trusted(self, address):
        ip = address if not isinstance(address, str) else _parse_ip(address)
        return ip is not None and any(ip in network for network in self.networks)

    def client_address(self, forwarded_for, peer):
        client = peer
        for hop in reversed(forwarded_for.split(",")):
            ip = _parse_ip(hop)
            if ip is None:  # garbage in the chain: keep the last address our own proxies vouched for
                break
            client = str(ip)
            if not self.is_trusted(ip):
                break
        return client

    def __call__(self, request):
        meta = request.META
        peer = meta.get("REMOTE_ADDR", "")
        if self.networks and self.is_trusted(peer):
            meta["REMOTE_ADDR"] = self.client_address(meta.get("HTTP_X_FORWARDED_FOR", ""), peer)
        else:
            for header in PROXY_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send a Permissions-Policy that turns off the browser features the portal does not use."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})" for feature, allow in sorted(settings.PERMISSIONS_POLICY.items())
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
