"""Abuse limits: per real client address, counted in the shared cache, answered with the 429 page."""

import itertools
import random

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.urls import reverse

from corridor_portal.ratelimit import parse_rate
from routes.tests.factories import make_route

# Every run uses fresh addresses, so counters left in a shared Redis by another run never matter.
_addresses = (f"192.0.2.{n}" for n in itertools.count(random.randint(1, 100)))

LIMITS = {"search": "3/m", "map-data": "3/m", "download": "2/m", "admin-login": "2/m"}


def visitor():
    return Client(REMOTE_ADDR=next(_addresses))


@pytest.mark.django_db
class TestRateLimits:
    @pytest.fixture(autouse=True)
    def _limits(self, settings, fresh_rate_windows):
        settings.RATE_LIMITS = LIMITS

    def test_search_past_the_limit_gets_the_translated_429_page_with_retry_after(self):
        client = visitor()
        for _ in range(3):
            assert client.get("/en/search/", {"q": "tumen"}).status_code == 200
        response = client.get("/en/search/", {"q": "tumen"})
        assert response.status_code == 429
        assert 1 <= int(response["Retry-After"]) <= 60
        content = response.content.decode()
        assert "Too many requests" in content and 'href="/en/"' in content
        # Another visitor is not affected.
        assert visitor().get("/en/search/", {"q": "tumen"}).status_code == 200

    def test_workers_count_together(self):
        """Two clients from one address are two workers' requests: the shared cache adds them up."""
        address = next(_addresses)
        first, second = Client(REMOTE_ADDR=address), Client(REMOTE_ADDR=address)
        statuses = [client.get("/search/").status_code for client in (first, second, first, second)]
        assert statuses == [200, 200, 200, 429]

    def test_the_map_data_is_limited(self):
        client = visitor()
        url = reverse("attractions:geojson")
        assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]

    def test_the_gpx_download_is_limited(self):
        route = make_route()
        client = visitor()
        url = reverse("routes:gpx", kwargs={"slug": route.slug})
        assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]

    def test_admin_login_attempts_are_limited_but_showing_the_form_is_not(self):
        client = visitor()
        url = reverse("admin:login")
        assert [client.get(url).status_code for _ in range(4)] == [200] * 4
        attempts = [client.post(url, {"username": "x", "password": "y"}).status_code for _ in range(3)]
        assert attempts == [200, 200, 429]

    def test_the_limit_follows_the_real_client_behind_a_trusted_proxy(self):
        with override_settings(TRUSTED_PROXIES=["127.0.0.1"]):
            proxy = Client(REMOTE_ADDR="127.0.0.1")
            one, two = next(_addresses), next(_addresses)
            statuses = [proxy.get("/search/", HTTP_X_FORWARDED_FOR=one).status_code for _ in range(4)]
            assert statuses == [200, 200, 200, 429]
            assert proxy.get("/search/", HTTP_X_FORWARDED_FOR=two).status_code == 200

    def test_a_client_cannot_escape_the_limit_by_inventing_forwarded_addresses(self):
        with override_settings(TRUSTED_PROXIES=["127.0.0.1"]):
            client = visitor()
            statuses = [client.get("/search/", HTTP_X_FORWARDED_FOR=next(_addresses)).status_code for _ in range(4)]
            assert statuses == [200, 200, 200, 429]

    def test_an_ipv6_client_counts_by_its_64_network(self):
        prefix = f"2001:db8:{random.randint(1, 0xFFFF):x}:{random.randint(1, 0xFFFF):x}"
        statuses = [Client(REMOTE_ADDR=f"{prefix}::{n}").get("/search/").status_code for n in range(1, 5)]
        assert statuses == [200, 200, 200, 429]

    def test_without_a_cache_the_limits_let_requests_through(self):
        dead_cache = {
            "default": {
                "BACKEND": "corridor_portal.redis_cache.RedisCache",
                "LOCATION": "redis://127.0.0.1:9/0",
                "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
            }
        }
        with override_settings(CACHES=dead_cache):
            client = visitor()
            assert [client.get("/search/").status_code for _ in range(5)] == [200] * 5


def test_rates_are_read_per_second_minute_hour_and_day():
    assert parse_rate("60/m") == (60, 60)
    assert parse_rate("5/s") == (5, 1)
    assert parse_rate("100/hour") == (100, 3600)
    assert parse_rate("1000/d") == (1000, 86400)
    with pytest.raises(ImproperlyConfigured):
        parse_rate("lots")
