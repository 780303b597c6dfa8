"""Rendered cards kept in the shared cache by what they show: a page that misses the page cache renders only the
cards that changed.

A card (includes/place_card.html, includes/route_card.html) shows its listing's row and the rows read with it: the
county (select_related), the cover photo (the list's card_photos() prefetch), a Border Tour's start and end counties
and its start hub. Its key is a digest of those as they were just read from the database (a listing by its
`updated_at` and what the query added to it, such as `distance_km`; a county or a photo by every loaded value), with
the template, the language, the day, whether it is the first card (its photo loads first) and
corridor_portal.cache.code_version() (templates, translations, code). So a card is never invalidated: an edit, an
import, a new photo, a county renamed or a deploy gives it a new key, and the old one expires
(FRAGMENT_CACHE_SECONDS). The key costs about 45 µs of CPU per card; rendering one about 400 µs.

One round trip per list: every card's key is asked for with get_many(), the missing cards are rendered and stored
with set_many(). A cache that is down renders every card, as before. settings.FRAGMENT_CACHE_ENABLED (the
environment's DJANGO_FRAGMENT_CACHE) turns it off.

Detail pages keep their parts the same way (below): the listing with its prefetches by its own state (listing_head,
cached_listing), the rows of their sections and their rendered parts by the versions of the page cache's tags of what
they show (cached_parts_by_tags, kept_parts and `{% keep_part %}`). A small part read by its own tables (a place's
crossings) is kept by the stamp of those tables (table_stamp, kept_rows).
"""

import contextlib
import functools
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from corridor_portal import clock
from corridor_portal.cache import SITE_TAG, code_version, kept_by_tag_versions, page_cache, tag_versions

from .models import Region

logger = logging.getLogger(__name__)

FRAGMENT_KEY_PREFIX = "fragment:"
# Only frees memory: a card's key changes whenever what it shows changes.
FRAGMENT_CACHE_SECONDS = 24 * 60 * 60
# Related rows are followed this deep (a tour's start county: 1; a photo's listing is not followed back).
RELATED_DEPTH = 2


@functools.cache
def _field_names(model):
    return frozenset(field.attname for field in model._meta.concrete_fields)


def _state_of(instance, memo, depth=RELATED_DEPTH):
    """What a card shows of a model instance and the rows read with it, as a string that changes when it does.

    A listing by its `updated_at` (every save sets it), with what the query added to it (`distance_km`, a search
    rank); a row without `updated_at` (a county, a photo) by every value loaded. The rows read with it: the
    select_related ones and the first row of a prefetch (a card shows only the cover photo). `memo` holds the rows
    already seen in this list (the same county under twenty cards is written out once).
    """
    memo_key = (instance._meta.label, instance.pk)
    if memo_key in memo:
        return memo[memo_key]
    fields = _field_names(type(instance))
    if "updated_at" in fields:
        parts = [instance._meta.label, repr(instance.pk), repr(instance.updated_at)]
        values = ((n, v) for n, v in instance.__dict__.items() if n not in fields)
    else:
        parts = [instance._meta.label]
        values = instance.__dict__.items()
    for name, value in values:
        if name.startswith("_"):
            continue
        if isinstance(value, list) and value and isinstance(value[0], Model):  # a prefetch to_attr (card_photos)
            parts.append(f"{name}=[{_state_of(value[0], memo, depth - 1) if depth else ''}]")
        elif not isinstance(value, Model):
            parts.append(f"{name}={value!r}")
    if depth:
        for name, related in instance._state.fields_cache.items():  # select_related rows
            parts.append(f"{name}:{_state_of(related, memo, depth - 1) if related is not None else None}")
        for name, rows in getattr(instance, "_prefetched_objects_cache", {}).items():
            first = next(iter(rows), None)
            parts.append(f"{name}:[{_state_of(first, memo, depth - 1) if first is not None else ''}]")
    memo[memo_key] = state = "|".join(parts)
    return state


def _cover_state(item, memo):
    """The cover photo a card shows, also when the list did not prefetch it (then it costs the query the card's
    rendering would make)."""
    if not hasattr(type(item), "cover_photo"):
        return ""
    photo = item.cover_photo
    return _state_of(photo, memo, depth=0) if photo is not None else "no photo"


def card_key(template_name, item, first, memo):
    raw = "|".join(
        (
            template_name,
            code_version(),
            get_language() or settings.LANGUAGE_CODE,
            str(clock.today()),
            settings.MEDIA_URL,
            "first" if first else "",
            _state_of(item, memo),
            _cover_state(item, memo),
        )
    )
    return FRAGMENT_KEY_PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


# The cards whose output depends only on their listing, the language and the day (see the module docstring). An
# event's card reads `today` from the page and a port's says how old its facts are: they are rendered in the page.
CACHED_CARD_TEMPLATES = {"includes/place_card.html", "includes/route_card.html"}


def render_cards(items, template_name, context_names=("place", "route")):
    """The cards of `items` rendered with `template_name`, concatenated: from the cache where they are in it.

    Each card is rendered alone, with only its listing in its context (under each of `context_names`) and
    `forloop.first`, so what is stored depends on nothing but its key.
    """
    items = list(items)
    if not items:
        return ""
    template = get_template(template_name)

    def render(index, item):
        return template.render({**dict.fromkeys(context_names, item), "forloop": {"first": index == 0}})

    if not settings.FRAGMENT_CACHE_ENABLED:
        return mark_safe("".join(render(i, item) for i, item in enumerate(items)))  # noqa: S308 - rendered templates
    memo = {}
    keys = [card_key(template_name, item, i == 0, memo) for i, item in enumerate(items)]
    cache = page_cache()
    try:
        found = cache.get_many(keys)
    except Exception:
        logger.warning("fragment cache unreachable: rendering every card", exc_info=True)
        found, cache = {}, None
    cards, missing = [], {}
    for i, (key, item) in enumerate(zip(keys, items, strict=True)):
        card = found.get(key)
        if card is None:
            card = missing[key] = render(i, item)
        cards.append(card)
    if missing and cache is not None:
        with contextlib.suppress(Exception):  # not storing is always safe
            cache.set_many(missing, FRAGMENT_CACHE_SECONDS)
    return mark_safe("".join(cards))  # noqa: S308 - rendered templates, escaped when they were rendered


# Rows kept by the state of their tables ---------------------------------------------------------------------------
# A place page's neighbours and the sections that say which tables they read (listings.kinds.PlaceSection.reads).

ROWS_KEY_PREFIX = "rows:"


def table_stamp(models):
    """A string that changes whenever a row of these tables is added, saved or deleted: one query, no ORM.

    A table with `updated_at` (every listing: every save sets it) by its row count and the sum of its rows' (id,
    updated_at) hashes, so any one row saved changes it whatever the clocks say; a small table without it (the
    counties) by a digest of all its rows. Writes that bypass save() (`update()`) must not
    change what the rows show: the portal's content is saved row by row (the page cache relies on it too).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT " + _stamp_sql(models))
        return cursor.fetchone()[0]


def _stamp_sql(models):
    """table_stamp() as one SQL expression."""
    from django.db import connection

    parts = []
    for model in models:
        table = connection.ops.quote_name(model._meta.db_table)
        if "updated_at" in _field_names(model):
            # Every row's (id, updated_at) summed as hashes, not the latest updated_at: a save stamped by a clock
            # behind the latest (another node's, a test's) still changes it.
            pk = connection.ops.quote_name(model._meta.pk.column)
            row = f"t.{pk}::text || '@' || t.updated_at::text"
            parts.append(f"(SELECT count(*) || '/' || coalesce(sum(hashtextextended({row}, 0)), 0) FROM {table} t)")  # noqa: S608 - a model's table
        else:
            parts.append(f"(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM {table} t)")  # noqa: S608
    return " || '|' || ".join(parts) or "''"


def _evaluated(query):
    return query() if callable(query) else list(query)


def cached_rows(queries, stamp):
    """{name: value} for {name: (key parts, queryset or function)}: each from the cache under its key parts, the
    tables' `stamp` (table_stamp() of every table the queries read), the language and the code, else from its query
    (a list of its rows) or its function (what it returns) and then stored. One get_many for all of them; a cache
    that is down costs the queries."""
    if not settings.FRAGMENT_CACHE_ENABLED:
        return {name: _evaluated(query) for name, (_parts, query) in queries.items()}
    language = get_language() or settings.LANGUAGE_CODE
    keys = {
        name: ROWS_KEY_PREFIX
        + hashlib.sha256(f"{name}|{parts!r}|{stamp}|{language}|{code_version()}".encode()).hexdigest()
        for name, (parts, _queryset) in queries.items()
    }
    cache = page_cache()
    try:
        found = cache.get_many(list(keys.values()))
    except Exception:
        found, cache = {}, None
    rows, missing = {}, {}
    for name, (_parts, queryset) in queries.items():
        rows[name] = found.get(keys[name])
        if rows[name] is None:
            rows[name] = missing[keys[name]] = _evaluated(queryset)
    if missing and cache is not None:
        with contextlib.suppress(Exception):  # not storing is always safe
            cache.set_many(missing, FRAGMENT_CACHE_SECONDS)
    return rows


# Parts kept by the versions of the page cache's dependency tags ----------------------------------------------------
# Search's listings and the home page's content read from many tables (the listings, their photos, counties,
# sources): a table_stamp() of them all scans every table (at 5,000 attractions 60-80 ms of the database's time per
# page). The page cache already knows when they change: every save bumps the tags of what it shows
# (corridor_portal/cache.py), one Redis round trip reads their versions.


def cached_parts_by_tags(parts):
    """{name: value} for {name: (key parts, tags, compute)}: each kept under the versions of its own tags (kept_parts()
    below), so a save re-computes only the parts that show what it saved. One round trip for all the tags' versions,
    one get_many for all the parts; each computed one is stored."""
    kept = kept_parts(
        {name: key_parts for name, (key_parts, _tags, _compute) in parts.items()},
        {name: tags for name, (_key_parts, tags, _compute) in parts.items()},
    )
    return {name: kept.value(name, compute) for name, (_key_parts, _tags, compute) in parts.items()}


def _by_label(models):
    return sorted(set(models), key=lambda model: model._meta.label)


def kept_rows(queries, models, keep=True):
    """cached_rows() of `queries` under the stamp of `models`' tables (every table the queries read): one stamp
    query and one get_many for all of them. The stamp scans the tables: for small ones (the ports).

    `keep` False (a staff preview of a draft, which must never be served from nor written to the cache) runs
    every query and touches neither the stamp nor the cache.
    """
    if not keep or not settings.FRAGMENT_CACHE_ENABLED:
        return {name: _evaluated(query) for name, (_parts, query) in queries.items()}
    return cached_rows(queries, table_stamp(_by_label(models)))


# A listing's own row with what its page prefetches, kept by its state -------------------------------------------
# A detail page reads its listing with four or five queries (the row and its county, its photos, sources, facts and
# their sources): building them and the model instances cost a place's page about 5 ms of CPU. listing_head() asks
# in one query of plain SQL for the row's `updated_at` and a digest of every row those queries would read (by the
# listing's own keys: an index lookup each, whatever the size of the tables); cached_listing() then takes the
# listing from the cache under that state, or reads it and keeps it. A photo's new alt text, a source's new title,
# a fact added, the county renamed: a new digest, a new key.

LISTING_KEY_PREFIX = "listing:"


@dataclass(frozen=True)
class ListingHead:
    pk: object
    status: str
    state: str  # `updated_at` and the digests of what is read with the row
    row: tuple = ()  # the row's own columns (_field_names order), for bare()

    def bare(self, model):
        """The listing from its own row alone, without what its page prefetches: enough for a page whose parts
        are all in the cache (its tags, its address, its status)."""
        return model.from_db(DEFAULT_DB_ALIAS, [field.attname for field in model._meta.concrete_fields], self.row)


def _related_rows_sql(model, path, depth):
    """SQL of the rows a prefetch `path` ("facts__sources") reads for the listing aliased `listing`, as text `r`
    (with the link rows of a many-to-many), or None for a relation this does not follow."""
    from django.db import connection

    quote = connection.ops.quote_name
    ids, rows = f"SELECT listing.{quote(model._meta.pk.column)}", None
    for step, name in enumerate(path.split("__")):
        alias, link = f"x{depth}_{step}", f"l{depth}_{step}"
        try:
            field = model._meta.get_field(name)
        except Exception:
            return None
        if field.one_to_many and field.auto_created:  # a reverse foreign key: the listing's photos, facts
            related = field.related_model
            table, column = quote(related._meta.db_table), quote(field.field.column)
            pk = quote(related._meta.pk.column)
            rows = f"SELECT {alias}::text AS r FROM {table} {alias} WHERE {alias}.{column} IN ({ids})"  # noqa: S608
            ids = f"SELECT {alias}.{pk} FROM {table} {alias} WHERE {alias}.{column} IN ({ids})"  # noqa: S608
        elif field.many_to_many and not field.auto_created:  # a many-to-many of its own: its sources
            related, through = field.related_model, quote(field.remote_field.through._meta.db_table)
            source, target = quote(field.m2m_column_name()), quote(field.m2m_reverse_name())
            table, pk = quote(related._meta.db_table), quote(related._meta.pk.column)
            rows = (
                f"SELECT {link}::text || '>' || {alias}::text AS r FROM {through} {link} "  # noqa: S608
                f"JOIN {table} {alias} ON {alias}.{pk} = {link}.{target} WHERE {link}.{source} IN ({ids})"
            )
            ids = f"SELECT {link}.{target} FROM {through} {link} WHERE {link}.{source} IN ({ids})"  # noqa: S608
        else:
            return None
        model = related
    return rows


def _prefetch_paths(lookups, prefix=""):
    """Every relation path the prefetches follow ("facts", "facts__sources"), those of a Prefetch's own queryset
    too (a tour's days, then their stops). A Prefetch's filters are ignored: the digest is of every linked row, a
    superset of the rows shown (an edit to one not shown only costs a reading)."""
    paths = []
    for lookup in lookups:
        through = prefix + (lookup if isinstance(lookup, str) else lookup.prefetch_through)
        steps = through.split("__")
        paths.extend("__".join(steps[: n + 1]) for n in range(len(steps)))
        inner = getattr(lookup, "queryset", None)
        if inner is not None:
            paths.extend(_prefetch_paths(inner._prefetch_related_lookups, through + "__"))
    return paths


def _state_sql(queryset):
    """SQL expressions of the listing aliased `listing`: `updated_at`, its select_related rows (one level) and
    every prefetch's rows, or None when the queryset reads what this cannot follow (then nothing is kept)."""
    from django.db import connection

    quote = connection.ops.quote_name
    model = queryset.model
    if "updated_at" not in _field_names(model):
        return None
    parts = ["listing.updated_at::text"]
    related = queryset.query.select_related
    if related is True:
        return None
    for name, deeper in (related or {}).items():
        field = model._meta.get_field(name)
        if deeper or not (field.many_to_one and field.concrete):
            return None
        table, pk = quote(field.related_model._meta.db_table), quote(field.related_model._meta.pk.column)
        # coalesce: a link left empty (a tour without a start hub) must not make the whole state NULL.
        row = f"(SELECT md5(s::text) FROM {table} s WHERE s.{pk} = listing.{quote(field.column)})"  # noqa: S608
        parts.append(f"coalesce({row}, '-')")
    for depth, path in enumerate(dict.fromkeys(_prefetch_paths(queryset._prefetch_related_lookups))):
        rows = _related_rows_sql(model, path, depth)
        if rows is None:
            return None
        parts.append(f"(SELECT md5(coalesce(string_agg(d.r, ',' ORDER BY d.r), '')) FROM ({rows}) d)")  # noqa: S608
    return parts


def head_sql(queryset):
    """The SQL of listing_head() for the listings `queryset` reads (its model, its select_related and prefetches;
    not its filters: the head reads the status), or None when it reads what cannot be followed. The same for every
    request of a view: its views keep it (building the queryset cost a tour's page a tenth of its CPU)."""
    from django.db import connection

    parts = _state_sql(queryset)
    if parts is None:
        return None
    model = queryset.model
    quote = connection.ops.quote_name
    columns = ", ".join(f"listing.{quote(field.column)}" for field in model._meta.concrete_fields)
    return (
        f"SELECT listing.{quote(model._meta.pk.column)}, listing.status, "  # noqa: S608 - the model's own table
        + " || '|' || ".join(parts)
        + f", {columns} FROM {quote(model._meta.db_table)} listing WHERE listing.slug = %s"
    )


def listing_head(model, slug, sql):
    """The ListingHead of the `model` listing at `slug` (whatever its status; None when no row has that slug), asked
    with `sql` (head_sql() of the queryset its page reads it with): one query, no ORM."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, [slug])
        row = cursor.fetchone()
    if row is None:
        return None
    values = [
        converter(value, field)
        for value, field, converter in zip(row[3:], model._meta.concrete_fields, _converters(model), strict=True)
    ]
    return ListingHead(*row[:3], tuple(values))


@functools.cache
def _converters(model):
    """What turns each column's value from the database into the field's (the ORM's from_db_value())."""
    from django.db import connection

    def converter(field):
        backend = connection.ops.get_db_converters(field)
        own = field.get_db_converters(connection)

        def convert(value, field):
            for function in [*backend, *own]:
                value = function(value, field, connection)
            return value

        return convert

    return [converter(field) for field in model._meta.concrete_fields]


def cached_listing(queryset, head, tags=()):
    """The listing of `head` read with `queryset` (its select_related and prefetches), from the cache under its
    state and the code, else from the database and then kept. A cache that is down costs the queries.

    `tags`: for a queryset that reads rows the state does not follow (a tour's stops read their places and
    counties), the page cache's tags of those rows: the listing is kept under their versions too."""
    key = f"{queryset.model._meta.label}|{head.pk}|{head.state}"
    if tags:
        return kept_by_tag_versions(
            LISTING_KEY_PREFIX, key, lambda: queryset.get(pk=head.pk), tags, timeout=FRAGMENT_CACHE_SECONDS
        )
    key = LISTING_KEY_PREFIX + hashlib.sha256(f"{key}|{code_version()}".encode()).hexdigest()
    cache = page_cache()
    try:
        listing = cache.get(key)
    except Exception:
        listing, cache = None, None
    if listing is None:
        listing = queryset.get(pk=head.pk)
        if cache is not None:
            with contextlib.suppress(Exception):  # not storing is always safe
                cache.set(key, listing, FRAGMENT_CACHE_SECONDS)
    return listing


# The parts of a page kept rendered by the versions of the tags of what they show -----------------------------------
# `{% keep_part "name" %}…{% endkeep_part %}` (listings/templatetags/kept_parts.py) with the KeptParts its view found.
# A list page that misses the page cache read its page of rows (and their photos), made ~100 model instances, keyed
# and rendered its cards, drew its map and rendered its filter form with every facet: about 20 ms of CPU. Those parts
# show nothing but what the cleaned filters, the page number, the address, the language and the day select from the
# rows of the kinds the list declares to the page cache: they are kept under the versions of those tags, as search's
# results are. What the raw query string shows (the chips' addresses, the pagination's links, the notice of what
# could not be understood) is rendered every time, from no query.
# A listing's page (listings.views.KeptListingMixin) spent two thirds of a miss rendering its template. A place's
# page is two parts, each under the tags of what it shows: its own (texts, photos, facts box, border notes) by the
# listing's tags and those of the sections it shows; the part around it (map, nearby places, tours, events, stays)
# by those and the lists of places too. So an edit of one attraction re-renders the part around the places near it,
# not their own parts; a text edited re-renders only its own page. What the page says about itself (`seo`) is a
# part too. A staff preview of a draft keeps nothing.

PART_KEY_PREFIX = "part:"


class KeptParts:
    """The parts of one page found in the cache (one round trip for the tags' versions, one get_many), and those
    computed and stored when missing. `keys` is None when nothing is kept (turned off, the cache down)."""

    def __init__(self, keys=None, found=None, cache=None):
        self.keys, self.found, self.cache = keys, found or {}, cache

    def value(self, name, compute):
        """The kept value of part `name`, else compute()'s (then stored). A value may be None or empty: it is
        stored in a tuple, so "not found" is never mistaken for "nothing to show"."""
        key = self.keys.get(name) if self.keys is not None else None
        if key is None:
            return compute()
        found = self.found.get(key)
        if found is not None:
            return found[0]
        value = compute()
        self.found[key] = (value,)
        with contextlib.suppress(Exception):  # not storing is always safe
            self.cache.set(key, (value,), FRAGMENT_CACHE_SECONDS)
        return value

    def all_found(self):
        """Every part is in the cache: the page needs none of what they show."""
        return self.keys is not None and all(key in self.found for key in self.keys.values())


def kept_parts(parts, tags, shared=()):
    """KeptParts for {name: key parts} under the versions of `tags` (with `site`; or {name: tags} when each part
    shows other things), the language (but for the names in `shared`: what is the same in every language, such as
    counts) and the code. The versions are read before any part is computed, so a part computed from rows saved
    meanwhile is stored under versions no one asks for any more. Off (settings.FRAGMENT_CACHE_ENABLED) or the cache
    down: nothing kept."""
    if not settings.FRAGMENT_CACHE_ENABLED:
        return KeptParts()
    cache = page_cache()
    tags_of = tags if isinstance(tags, dict) else dict.fromkeys(parts, tags)
    names = sorted({SITE_TAG, *(tag for part_tags in tags_of.values() for tag in part_tags)})
    language = get_language() or settings.LANGUAGE_CODE
    try:
        versions = dict(zip(names, tag_versions(cache, names), strict=True))
        keys = {}
        for name, key_parts in parts.items():
            own = [(tag, versions[tag]) for tag in sorted({SITE_TAG, *tags_of[name]})]
            raw = f"{name}|{key_parts!r}|{own}|{'' if name in shared else language}|{code_version()}"
            keys[name] = PART_KEY_PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
        found = cache.get_many(list(keys.values()))
    except Exception:
        logger.warning("fragment cache unreachable: rendering every part", exc_info=True)
        return KeptParts()
    return KeptParts(keys, found, cache)


# Where a request keeps the counties' stamp once asked: the footer (context_processors.corridor_counties_stamp) and
# a list's filters (filters.corridor_regions) both need it, one query serves both.
COUNTIES_STAMP_ATTRIBUTE = "corridor_counties_stamp"


def counties_stamp(request=None):
    """table_stamp() of the counties' table, asked once per request (kept on it) whoever asks first."""
    stamp = getattr(request, COUNTIES_STAMP_ATTRIBUTE, None)
    if stamp is None:
        stamp = table_stamp([Region])
        if request is not None:
            setattr(request, COUNTIES_STAMP_ATTRIBUTE, stamp)
    return stamp
