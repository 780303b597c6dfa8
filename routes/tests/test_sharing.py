"""Take it along: the route page and its printout carry a QR code of its address; pages have a share button."""

import re

import pytest
import segno
from django.conf import settings

from attractions.tests.factories import make_attraction
from routes.tests.factories import make_route

pytestmark = pytest.mark.django_db


@pytest.fixture
def route():
    return make_route(slug="whole-border", title_en="Whole border", days=[[make_attraction(slug="tomb")]])


def qr_modules(svg):
    """The drawn modules of a segno SVG: the path that a scanner reads."""
    return re.search(r'<path[^>]*class="qr-code-modules"[^>]*d="([^"]+)"', svg).group(1)


@pytest.mark.parametrize("prefix", ["", "/en", "/ko"])
def test_the_route_page_carries_a_qr_code_of_its_own_address(client, route, prefix):
    content = client.get(f"{prefix}/routes/whole-border/").content.decode()
    svg = re.search(r'<svg[^>]*class="qr-code".*?</svg>', content, re.S).group(0)
    expected = segno.make(f"http://testserver{prefix}/routes/whole-border/", error="m", micro=False)
    assert qr_modules(svg) == qr_modules(expected.svg_inline(scale=4, border=4, lineclass="qr-code-modules"))
    assert "<title>" in svg  # named for screen readers
    assert 'style="' not in svg  # nothing the content security policy forbids


def test_the_qr_code_is_in_the_printed_version(client, route):
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text(encoding="utf-8")
    print_rules = " ".join(re.findall(r"@media print \{(.*?)\n\}", css, re.S))
    assert ".qr-code" in print_rules
    assert "take-along" in print_rules
    # Nothing hides the QR code or the plain link when printing.
    assert not re.search(r"\.(take-along|qr|qr-code|share-link)[^{]*\{[^}]*display:\s*none", print_rules)


def test_detail_pages_have_a_share_button_that_waits_for_javascript_and_a_plain_link(client, route):
    for url in ("/en/routes/whole-border/", "/en/attractions/tomb/"):
        content = client.get(url).content.decode()
        button = re.search(r'<button type="button" class="share-button"[^>]*>', content).group(0)
        assert " hidden" in button
        assert 'data-share-url="http://testserver' in button
        assert f'<a href="http://testserver{url}">http://testserver{url}</a>' in content
        assert "/static/js/share.js" in content
        assert "<script>" not in content  # no inline script
