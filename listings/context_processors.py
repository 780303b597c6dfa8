from functools import partial

from django.conf import settings
from django.db import DatabaseError
from django.utils.translation import get_language, get_language_info

from .fragments import counties_stamp
from .i18n import html_lang, path_in_language
from .models import Region

# The language button of the header names the page's language short (the list it opens names each in full).
SHORT_NAMES = {"zh-hans": "中文", "en": "EN", "ko": "한국어", "ru": "RU"}


def site(request):
    """The page's language, its switcher links and its alternates for search engines."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    languages = []
    for code, _name in settings.LANGUAGES:
        url = path_in_language(path, code)
        languages.append(
            {
                "code": code,
                "html_lang": html_lang(code),
                "name_local": get_language_info(code)["name_local"],
                "name_short": SHORT_NAMES.get(code, code.upper()),
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
            }
        )
    default = next(lang for lang in languages if lang["code"] == settings.LANGUAGE_CODE)
    return {
        "html_lang": html_lang(current),
        "site_languages": languages,
        "x_default_url": default["absolute_url"],
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        # A callable, so that only pages showing the footer read the counties (one query), not the admin.
        "corridor_counties": corridor_counties,
        # What the footer keeps its rendering by (templatetags/shell.py): changes with any county's row.
        "corridor_counties_stamp": partial(corridor_counties_stamp, request),
    }


def corridor_counties():
    """Every county along the road in its order, from the database: the footer lists them all."""
    try:
        return list(Region.objects.along_corridor())
    except DatabaseError:
        # The error pages (404, 429) extend base.html too: without the database they still answer, footer bare.
        return []


def corridor_counties_stamp(request=None):
    """A digest of the counties' rows (one query without the ORM), None when the database does not answer; asked
    once per request (a list's filters read it first: listings.filters.corridor_regions)."""
    try:
        return counties_stamp(request)
    except DatabaseError:
        return None
