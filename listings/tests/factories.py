"""Builders of valid corridor objects for tests; every argument can be overridden."""

import itertools

from listings.models import Region, Source, Status

_counter = itertools.count(1)

# County seats along the road, west to east (approximate, as in the demo data).
REGION_SEATS = {
    "jian": ("集安", "Ji'an", 1, 41.12, 126.19),
    "linjiang": ("临江", "Linjiang", 3, 41.81, 126.92),
    "changbai": ("长白", "Changbai", 4, 41.42, 128.20),
    "helong": ("和龙", "Helong", 7, 42.55, 129.01),
    "tumen": ("图们", "Tumen", 9, 42.97, 129.84),
    "hunchun": ("珲春", "Hunchun", 10, 42.86, 130.36),
}


def make_region(slug="hunchun", **fields):
    zh, en, order, lat, lon = REGION_SEATS.get(slug, (slug, slug.title(), 50 + next(_counter), 42.0, 128.0))
    defaults = {"name_zh_hans": zh, "name_en": en, "corridor_order": order, "latitude": lat, "longitude": lon}
    region, _ = Region.objects.get_or_create(slug=slug, defaults={**defaults, **fields})
    return region


def make_source(**fields):
    n = next(_counter)
    return Source.objects.create(**{"key": f"T{n}", "citation": f"example.org/source-{n}", **fields})


def unique_slug(prefix):
    return f"{prefix}-{next(_counter)}"


PUBLISHED = Status.PUBLISHED
DRAFT = Status.DRAFT
