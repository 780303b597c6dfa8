"""nginx's page for when no instance answers (static/errors/unavailable.html): the 503 page's texts, current in
every language, and nothing the Content-Security-Policy or a missing application would break."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

PAGE = Path(settings.BASE_DIR) / "static" / "errors" / "unavailable.html"
NGINX = Path(settings.BASE_DIR) / "deploy" / "nginx" / "g331.conf"
TEXTS = [
    "Back in a moment",
    "The portal is briefly unavailable while part of it restarts. Please try again in a minute; nothing you were "
    "looking at has gone.",
    "Back to the home page",
]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_page_says_what_the_503_page_says_in_every_language(language):
    page = PAGE.read_text()
    with translation.override(language):
        home = reverse("home")
        sections = re.findall(r'<section class="error-page".*?</section>', page, re.S)
        section = next((s for s in sections if f'href="{home}"' in s), None)
        assert section, f"no section linking to {home}"
        for text in TEXTS:
            assert gettext(text) in section
    html_lang = "zh-Hans" if language == "zh-hans" else language
    assert f'lang="{html_lang}"' in page


def test_the_page_needs_nothing_the_application_serves_and_nothing_inline():
    page = PAGE.read_text()
    assert "<script" not in page and "style=" not in page and "<style" not in page
    for path in re.findall(r'(?:href|src)="/static/([^"]+)"', page):
        assert finders.find(path), path
    assert finders.find("errors/unavailable.html")


def test_nginx_answers_its_own_errors_with_the_page_and_never_caches_it():
    conf = NGINX.read_text()
    assert "error_page 502 504 /errors/unavailable.html;" in conf
    location = conf.split("location = /errors/unavailable.html {")[1].split("}")[0]
    assert "alias /srv/g331/staticfiles/errors/unavailable.html;" in location
    assert 'add_header Cache-Control "no-store" always;' in location
    assert "internal;" in location
    # The application's own 503 (PostgreSQL away) keeps its page and Retry-After: the edge intercepts only the
    # codes its error_page names, and no error_page names 503.
    assert not [line for line in conf.splitlines() if "error_page" in line and "503" in line]
