"""A listing's address, built from a pattern reversed once, is the one reverse() gives, in every language."""

import pytest
from django.conf import settings
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from listings.links import slug_url

VIEWS = ["attractions:detail", "villages:detail", "routes:detail", "events:detail", "ports:detail"]


@pytest.mark.parametrize("viewname", VIEWS)
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_address_is_the_reversed_one(viewname, language):
    with translation.override(language):
        for slug in ("changbai-mountain", "tumen_river-2", "a"):
            assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


def test_the_script_prefix_is_kept_apart():
    expected = reverse("attractions:detail", kwargs={"slug": "fangchuan"})
    set_script_prefix("/portal/")
    try:
        assert slug_url("attractions:detail", "fangchuan") == "/portal" + expected
    finally:
        clear_script_prefix()
    assert slug_url("attractions:detail", "fangchuan") == expected
