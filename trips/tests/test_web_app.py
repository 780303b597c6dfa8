"""The installable web app: its manifest in each language, the service worker at the root, the offline page."""

import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "short_name", "start_url"),
    [
        ("", "G331 边境旅游线路", "/"),
        ("/en", "G331 Border Tours", "/en/"),
        ("/ko", "G331 국경 투어", "/ko/"),
        ("/ru", "G331: пограничные туры", "/ru/"),
    ],
)
def test_the_manifest_names_the_app_in_the_pages_language(client, prefix, short_name, start_url):
    response = client.get(f"{prefix}/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["short_name"] == short_name
    assert manifest["start_url"] == start_url
    assert manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_every_page_links_the_manifest(client):
    assert '<link rel="manifest" href="/en/manifest.webmanifest">' in client.get("/en/").content.decode()


def test_the_service_worker_is_served_at_the_root_never_cached_with_its_version(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    first_line = response.content.decode().split("\n", 1)[0]
    settings = json.loads(first_line.removeprefix("self.CORRIDOR = ").removesuffix(";"))
    assert len(settings["version"]) == 16
    assert "/en/offline/" in settings["precache"] and "/offline/" in settings["precache"]
    assert "/ru/trip/" in settings["precache"]
    for address in settings["precache"]:
        assert client.get(address).status_code == 200, address


def test_a_new_deploy_gives_the_service_worker_a_new_version(client, monkeypatch):
    from trips import views

    monkeypatch.setattr(views, "code_version", lambda: "0123456789abcdef")
    assert '"version": "0123456789abcdef"' in client.get("/sw.js").content.decode()


@pytest.mark.parametrize(
    ("address", "heading"),
    [
        ("/offline/", "没有网络连接"),
        ("/en/offline/", "No connection"),
        ("/ko/offline/", "연결 없음"),
        ("/ru/offline/", "Нет соединения"),
    ],
)
def test_the_offline_page_speaks_the_visitors_language(client, address, heading):
    assert f"<h1>{heading}</h1>" in client.get(address).content.decode()


def test_the_content_security_policy_allows_our_worker_and_manifest(client):
    policy = client.get("/en/").headers["Content-Security-Policy"]
    assert "worker-src 'self'" in policy
    assert "manifest-src 'self'" in policy
