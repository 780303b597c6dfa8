"""Every link and alternate a page writes stays on the portal's own host, whatever address was asked for."""

import re
from urllib.parse import unquote, urljoin, urlsplit

import pytest

# Addresses a prober sends so that a page built from request.path links elsewhere: a path that a browser reads
# as "//host" (scheme-relative), written plainly, percent-encoded, with backslashes, or with a NUL byte.
TRICKY_PATHS = [
    "//evil.example/",
    "/%2F%2Fevil.example/",
    "/%2f%2fevil.example/",
    "///evil.example/",
    "/\\evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example/",
    "/\\/evil.example/",
    "/%00//evil.example/",
    "//evil.example/%00",
    "/%2F/evil.example/",
]
LANGUAGE_PREFIXES = ["", "/en", "/ko", "/ru"]
SITE = "http://testserver/"
HREF = re.compile(r"""\b(?:href|src|action|content)="([^"]*)\"""")


def get_raw(client, path):
    """GET `path` as a WSGI server passes it on (percent-decoded); the test client would read "//host/" as a host."""
    return client.get("/", PATH_INFO=unquote(path))


def links_of(response):
    return HREF.findall(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", LANGUAGE_PREFIXES)
@pytest.mark.parametrize("path", TRICKY_PATHS)
def test_a_tricky_address_answers_a_page_whose_links_all_stay_on_the_site(client, prefix, path):
    response = get_raw(client, prefix + path)

    assert response.status_code in (400, 404)
    links = links_of(response)
    assert links
    for link in links:
        # Resolved as a browser would (WHATWG: a backslash is a slash in http URLs).
        as_browser_reads_it = link.replace("\\", "/")
        if as_browser_reads_it.startswith(("http:", "https:", "/")):
            assert urlsplit(urljoin(SITE, as_browser_reads_it)).hostname == "testserver", link
            assert not as_browser_reads_it.startswith("//"), link


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["//evil.example/", "/%2F%2Fevil.example/"])
def test_the_language_links_and_alternates_of_a_404_page_are_paths_of_the_site(client, path):
    response = get_raw(client, path)

    assert response.status_code == 404
    content = response.content.decode()
    assert "//evil.example" not in content
    for code in ("zh-Hans", "en", "ko", "ru"):
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver/evil.example/">' in content
    assert '<a href="/evil.example/" lang="ru" hreflang="ru">' in content
