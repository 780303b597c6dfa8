"""What a page shows, declared for the page cache: the tag names and the collector (corridor_portal/cache.py).

A view, a queryset or a template tag calls `depends_on()` with the tags of what it renders; a stored page is a
miss again as soon as one of them changes. The kinds and the site-wide pages import from here, never the other
way round. One line declares a page: a county page, for instance,
`depends_on(county_tag(region.pk), *list_tags(place_models()))`.
"""

from corridor_portal.cache import county_tag, depends_on, list_tag, listing_tag, text_tag

__all__ = [
    "county_tag",
    "depends_on",
    "linked_list_tags",
    "linked_listing_tags",
    "list_tag",
    "list_tags",
    "listing_tag",
    "searched_tags",
    "shown_list_tags",
    "text_tag",
]


def list_tags(models_or_labels):
    """The list tags of several kinds (models, rows or app labels)."""
    return [list_tag(item) for item in models_or_labels]


def _listing_links(model):
    return [
        field
        for field in model._meta.concrete_fields
        if field.many_to_one and field.related_model is not None and hasattr(field.related_model, "cache_tags")
    ]


def linked_listing_tags(row):
    """The tags of the listings `row` points to (an event's place, a stay's village, a tour's first hub): what its
    page shows of them. Not its county: `site` covers the county's name, and the county's tag moves with every
    listing in it."""
    return [
        listing_tag(field.related_model, getattr(row, field.attname))
        for field in _listing_links(type(row))
        if getattr(row, field.attname) is not None
    ]


def linked_list_tags(model):
    """The list tags of the kinds `model` points to: its cards name them (an event's place, a stay's village)."""
    return list(dict.fromkeys(list_tag(field.related_model) for field in _listing_links(model)))


def shown_list_tags(model):
    """What a list of `model` (its page, its map data, its facet counts) depends on: its kind and those it names."""
    return [list_tag(model), *linked_list_tags(model)]


def searched_tags(model):
    """What a search of `model`'s rows depends on: what its list shows, and the texts it searches (a description
    edited can make a row match or not)."""
    return [*shown_list_tags(model), text_tag(model)]
