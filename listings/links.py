"""The addresses of listings, which lists, maps and map data build by the hundred."""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# A valid slug that no real one contains: reversed in its place, then swapped for the real slug.
SLUG_PLACEHOLDER = "slug-placeholder-0f3c"
_address_patterns = {}


def slug_url(viewname, slug):
    """reverse(viewname, kwargs={"slug": slug}), reversed once per view, language, script prefix and URLconf.

    reverse() costs ~20 µs; the home page's map alone links 210 listings and a list's map data up to 2,000.
    A slug is letters, digits, hyphens and underscores (SlugField), which an address carries unquoted.
    """
    return _address_pattern(viewname).replace(SLUG_PLACEHOLDER, slug)


def slug_addresses(viewname):
    """A function slug -> slug_url(viewname, slug), for many listings of one kind (a map's hundreds).

    Finding the pattern reads three thread- and task-local values (language, script prefix, URLconf): ~10 µs,
    half of what reverse() costs. Done once here, not once per listing.
    """
    pattern = _address_pattern(viewname)
    return lambda slug: pattern.replace(SLUG_PLACEHOLDER, slug)


def _address_pattern(viewname):
    key = (viewname, get_language(), get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    pattern = _address_patterns.get(key)
    if pattern is None:
        pattern = _address_patterns[key] = reverse(viewname, kwargs={"slug": SLUG_PLACEHOLDER})
    return pattern
