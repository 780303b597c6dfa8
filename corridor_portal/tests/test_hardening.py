"""Production hardening as a visitor, a prober and the team running the site see it."""

import json
import subprocess
import sys

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from attractions.tests.factories import make_attraction
from corridor_portal.tests.live import ROOT, production_env
from routes.tests.factories import make_route
from villages.tests.factories import make_village

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'

# What Mozilla's Observatory grades, as far as headers go (it cannot be run here: no network). With these
# and the production cookies and HSTS checked below, no test deducts points: that is its A+.
EXPECTED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_hardened_headers(response):
    for name, value in EXPECTED_HEADERS.items():
        assert response[name] == value, name
    csp = csp_directives(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    # The tile server may only serve images.
    assert "https://tile.openstreetmap.org" in csp["img-src"]
    others = [values for name, values in csp.items() if name != "img-src"]
    assert not any("tile.openstreetmap.org" in value for values in others for value in values)
    policy = dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert policy[feature] == "()", feature
    assert response["X-Request-ID"]


@pytest.fixture
def listings(db):
    fields = {"summary_en": PAYLOAD, "description_en": PAYLOAD, "description_zh_hans": PAYLOAD}
    attraction = make_attraction(name_en=f"Falls {PAYLOAD}", **fields)
    village = make_village(name_en=f"Village {PAYLOAD}", **fields)
    route = make_route(days=[[attraction, village]], title_en=f"Tour {PAYLOAD}", **fields)
    return attraction, village, route


@pytest.mark.django_db
class TestHeaders:
    def test_a_list_a_detail_the_admin_login_and_error_pages_carry_every_security_header(self, client, listings):
        attraction = listings[0]
        pages = {
            "/en/attractions/": 200,
            attraction.get_absolute_url(): 200,
            reverse("admin:login"): 200,
            "/en/no-such-page/": 404,
        }
        for path, status in pages.items():
            response = client.get(path)
            assert response.status_code == status, path
            assert_hardened_headers(response)

    def test_the_503_and_500_pages_carry_them_too(self, client, monkeypatch):
        monkeypatch.setattr("pages.views.HomeView.get_context_data", raise_operational_error)
        assert_hardened_headers(client.get("/en/"))
        monkeypatch.setattr("pages.views.HomeView.get_context_data", raise_runtime_error)
        client.raise_request_exception = False
        assert_hardened_headers(client.get("/en/"))


def raise_operational_error(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


def raise_runtime_error(*args, **kwargs):
    raise RuntimeError("a bug with SECRET details")


@pytest.mark.django_db
class TestErrorPages:
    def test_a_missing_page_is_a_404_in_the_visitors_language_with_a_way_home(self, client):
        response = client.get("/en/attractions/no-such-place/")
        assert response.status_code == 404
        content = response.content.decode()
        assert "Page not found" in content and 'href="/en/"' in content

    def test_a_bug_is_a_500_page_without_a_trace_a_version_or_a_setting(self, client, monkeypatch, settings):
        monkeypatch.setattr("pages.views.HomeView.get_context_data", raise_runtime_error)
        client.raise_request_exception = False
        response = client.get("/en/")
        assert response.status_code == 500
        content = response.content.decode()
        assert "Something went wrong" in content and 'href="/en/"' in content and 'lang="en"' in content
        for leak in ("SECRET", "Traceback", "RuntimeError", "Django", "5.2", settings.SECRET_KEY):
            assert leak not in content

    def test_a_lost_database_in_a_view_is_a_translated_503_with_retry_after(self, client, monkeypatch):
        monkeypatch.setattr("pages.views.HomeView.get_context_data", raise_operational_error)
        response = client.get("/en/")
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        content = response.content.decode()
        assert "Back in a moment" in content and 'lang="en"' in content
        assert "5432" not in content and "refused" not in content

    def test_a_lost_database_outside_a_view_is_a_503_too(self, client, monkeypatch):
        """The session middleware (or any other) losing the database still gives 503, not 500."""
        monkeypatch.setattr(
            "django.contrib.sessions.middleware.SessionMiddleware.process_response", raise_operational_error
        )
        client.raise_request_exception = False
        response = client.get("/ko/")
        assert response.status_code == 503
        assert 'lang="ko"' in response.content.decode()

    def test_a_form_without_its_csrf_token_gets_the_403_page_in_the_sites_look(self, db):
        client = Client(enforce_csrf_checks=True)
        response = client.post(reverse("admin:login"), {"username": "a", "password": "b"})
        assert response.status_code == 403
        content = response.content.decode()
        # Paths without a language prefix are in Chinese: "Not allowed", "Back to the home page".
        assert "无权访问" in content and "返回首页" in content and "site-header" in content
        assert "CSRF" not in content and "Forbidden" not in content

    def test_a_foreign_host_header_gets_a_400(self, client):
        response = client.get("/en/", HTTP_HOST="evil.example")
        assert response.status_code == 400
        content = response.content.decode()
        assert "Bad request" in content and "evil.example" not in content


class TestHealthChecks:
    def test_healthz_answers_without_the_database(self, client):
        # No django_db mark: any query here would fail the test.
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}

    @pytest.mark.django_db
    def test_readyz_checks_the_database_the_cache_and_the_migrations(self, client):
        response = client.get("/readyz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "migrations": "ok"}}
        assert "no-cache" in response["Cache-Control"]

    @pytest.mark.django_db
    def test_readyz_is_503_when_the_cache_does_not_answer(self, client):
        dead_cache = {
            "default": {
                "BACKEND": "corridor_portal.redis_cache.RedisCache",
                "LOCATION": "redis://127.0.0.1:9/0",
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }
        with override_settings(CACHES=dead_cache):
            response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["checks"]["cache"] == "fail"
        assert "redis://" not in response.content.decode()


@pytest.mark.django_db
class TestUntrustedText:
    def test_a_script_typed_by_staff_is_shown_as_text_on_every_detail_page(self, client, listings):
        for listing in listings:
            with translation.override("en"):
                url = listing.get_absolute_url()
            response = client.get(url)
            assert response.status_code == 200, listing
            content = response.content.decode()
            assert '<script>alert("x")' not in content, listing
            assert "<img src=x onerror" not in content, listing
            assert "&lt;script&gt;alert(" in content, listing

    def test_the_language_switcher_links_stay_on_this_site(self, client):
        response = client.get("//evil.example/attractions/")
        links = [language["url"] for language in response.context["site_languages"]]
        assert links and all(link.startswith("/") and not link.startswith("//") for link in links)
        assert 'href="//evil' not in response.content.decode()

    def test_login_never_redirects_to_another_site(self, client, superuser):
        response = client.post(
            reverse("admin:login") + "?next=https://evil.example/",
            {"username": "admin", "password": "a-long-test-password", "next": "https://evil.example/"},
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:index")

    def test_logout_never_redirects_to_another_site(self, client, superuser):
        client.force_login(superuser)
        response = client.post(reverse("admin:logout") + "?next=//evil.example/", {"next": "//evil.example/"})
        assert "evil.example" not in response.get("Location", "")


@pytest.mark.django_db
class TestTrustedProxies:
    @override_settings(TRUSTED_PROXIES=["10.0.0.0/8"], SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
    def test_forwarded_headers_count_only_from_a_trusted_proxy(self):
        seen = {}

        def spy(request):
            seen.update(addr=request.META["REMOTE_ADDR"], secure=request.is_secure(), rid=request.request_id)

        from pages.views import HomeView

        original = HomeView.get

        def get(view, request, *args, **kwargs):
            spy(request)
            return original(view, request, *args, **kwargs)

        headers = {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.5, 10.0.0.7", "HTTP_X_FORWARDED_PROTO": "https"}
        headers["HTTP_X_REQUEST_ID"] = "from-the-proxy-123"
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(HomeView, "get", get)
            response = Client(REMOTE_ADDR="10.0.0.2").get("/en/", **headers)
            # The client is the first address our proxies did not add; what it claimed itself is ignored.
            assert seen == {"addr": "203.0.113.5", "secure": True, "rid": "from-the-proxy-123"}
            assert response["X-Request-ID"] == "from-the-proxy-123"

            response = Client(REMOTE_ADDR="198.51.100.1").get("/en/", **headers)
            assert seen["addr"] == "198.51.100.1" and seen["secure"] is False
            assert seen["rid"] != "from-the-proxy-123" and response["X-Request-ID"] == seen["rid"]

    def test_a_request_id_that_is_not_an_id_is_replaced(self, client):
        response = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nwith lines")
        assert response["X-Request-ID"] != "bad id\nwith lines" and len(response["X-Request-ID"]) == 32


def run_production(code, **env):
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=production_env(**env), capture_output=True, text=True, timeout=60
    )


class TestProductionSettings:
    def test_check_deploy_reports_nothing(self):
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
            cwd=ROOT,
            env=production_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues" in result.stdout

    def test_production_refuses_to_start_without_a_secret_key(self):
        result = run_production("import django; django.setup()", DJANGO_SECRET_KEY="")
        assert result.returncode != 0 and "DJANGO_SECRET_KEY is not set" in result.stderr

    def test_cookies_hsts_and_logs_are_set_for_production(self):
        code = (
            "import json, django; django.setup(); from django.conf import settings as s; "
            "print(json.dumps({k: getattr(s, k, None) for k in ['SESSION_COOKIE_NAME', 'CSRF_COOKIE_NAME', "
            "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_HTTPONLY', "
            "'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SAMESITE', 'SECURE_HSTS_SECONDS', "
            "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT', 'SECURE_PROXY_SSL_HEADER', 'LOG_FORMAT', "
            "'DEBUG']}))"
        )
        result = run_production(code)
        assert result.returncode == 0, result.stderr
        values = json.loads(result.stdout.strip().splitlines()[-1])
        assert values == {
            "SESSION_COOKIE_NAME": "__Host-sessionid",
            "CSRF_COOKIE_NAME": "__Host-csrftoken",
            "SESSION_COOKIE_SECURE": True,
            "CSRF_COOKIE_SECURE": True,
            "SESSION_COOKIE_HTTPONLY": True,
            "CSRF_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "CSRF_COOKIE_SAMESITE": "Lax",
            "SECURE_HSTS_SECONDS": 31536000,
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
            "SECURE_SSL_REDIRECT": True,
            "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
            "LOG_FORMAT": "json",
            "DEBUG": False,
        }

    def test_without_trusted_proxies_no_forwarded_scheme_is_believed(self):
        code = "import django; django.setup(); from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER)"
        result = run_production(code, DJANGO_TRUSTED_PROXIES="")
        assert result.stdout.strip().splitlines()[-1] == "None"

    def test_sentry_starts_only_with_a_dsn_and_without_personal_data(self):
        code = (
            "import django; django.setup(); import sentry_sdk; c = sentry_sdk.get_client(); "
            "print(c.is_active(), c.options['send_default_pii'])"
        )
        assert run_production(code).stdout.strip().splitlines()[-1].startswith("False")
        with_dsn = run_production(code, SENTRY_DSN="https://public@sentry.invalid/1")
        assert with_dsn.stdout.strip().splitlines()[-1] == "True False", with_dsn.stderr
