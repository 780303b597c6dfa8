"""The addresses of the mixed load (bench/mixed.py), drawn from the database like real traffic.

    DATABASE_URL=… .venv/bin/python bench/mixed_addresses.py OUT.tsv [--count 500] [--seed 331]

About 500 distinct public addresses: the four languages (Chinese at the root more than the others), the lists with
random combinations of their real filters (the values come from each list's FilterSet and the rows: counties,
seasons, categories, cultures, days, months, kinds…; sometimes a sort order, sometimes page 2 or 3 where the list
has one), the list fragments static/js/filters.js asks for (X-Requested-With: fetch), every kind's pages
(attractions, villages, Border Tours, events, ports, places to stay, airports and stations), the site's search and a
list's search box with words from the listings' names (Chinese, pinyin, English, Korean, Russian), and the map data
static/js/map.js fetches for a list (`map.geojson` with the list's filters).

Popularity is skewed like real traffic (Zipf: the address of rank r gets a share proportional to 1/r): the home
pages and the lists of attractions, villages and Border Tours rank first, the rest in a random order, so a few
pages get most of the hits and a long tail of filter combinations, searches and listings gets one now and then.

Written as one line per address for bench/mixed.lua: `weight<TAB>fragment (0|1)<TAB>path`. The same seed on the
same rows gives the same addresses.
"""

import random
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation

# Who reads the corridor's pages: Chinese visitors most, Korean next (Yanbian is Korean country), then English and
# Russian (Vladivostok is across the border). A language's share of the addresses, so roughly of the hits.
LANGUAGE_SHARES = {"zh-hans": 0.50, "ko": 0.20, "en": 0.15, "ru": 0.15}
# What the addresses are, apart from the home pages and the unfiltered lists (always there, ranked first).
CATEGORY_SHARES = {"filtered list": 0.28, "fragment": 0.08, "detail": 0.34, "search": 0.16, "map data": 0.14}
ZIPF_EXPONENT = 1.0
# The home page and these unfiltered lists (attractions, villages, Border Tours) of every language rank first; the
# other lists take their chance among the rest.
MOST_VISITED_LISTS = 3
PAGE_SIZE = 24  # listings.views.PublishedListView.paginate_by


@dataclass(frozen=True)
class Address:
    path: str
    category: str  # "home", "list", "filtered list", "fragment", "detail", "search", "map data"
    language: str
    fragment: bool = False  # asked for with X-Requested-With: fetch (the list's results only)


@dataclass
class ListSpec:
    """One list page: its URL name, its FilterSet and model, the URL name of its map data (None: no map)."""

    url_name: str
    filterset_class: type
    model: type
    geojson_url_name: str | None
    filterset_kwargs: dict
    paginated: bool = True

    def filterset(self, data=None):
        return self.filterset_class(data or {}, queryset=self.model.objects.published(), **self.filterset_kwargs)

    def filter_options(self):
        """{filter name: (kind, [values])} of the list's faceted filters, and its sort keys, read from its FilterSet."""
        filterset = self.filterset()
        options = {}
        for name in filterset.facets:
            kind = filterset.facet_kind(name)
            values = ["1"] if kind == "toggle" else [value for value, _label in filterset.facet_choices(name) if value]
            if values:
                options[name] = (kind, values)
        sorts = [key for key, _label in filterset.sort_choices][1:]  # the first is the default order
        return options, sorts


def list_specs():
    from attractions.filters import AttractionFilterSet
    from attractions.models import Attraction
    from corridor_portal import clock
    from events.filters import EventFilterSet
    from events.models import Event
    from ports.filters import PortFilterSet
    from ports.models import PortOfEntry
    from routes.filters import RouteFilterSet
    from routes.models import Route
    from stays.filters import StayFilterSet
    from stays.models import Stay
    from villages.filters import VillageFilterSet
    from villages.models import Village

    return [
        ListSpec("attractions:list", AttractionFilterSet, Attraction, "attractions:geojson", {}),
        ListSpec("villages:list", VillageFilterSet, Village, "villages:geojson", {}),
        ListSpec("routes:list", RouteFilterSet, Route, "routes:geojson", {}),
        ListSpec("stays:list", StayFilterSet, Stay, "stays:geojson", {}),
        ListSpec("ports:list", PortFilterSet, PortOfEntry, None, {}),
        # What's on lists the coming events only: its pages are not counted from the published rows here, so none.
        ListSpec("events:list", EventFilterSet, Event, None, {"today": clock.today()}, paginated=False),
    ]


def detail_models():
    from attractions.models import Attraction
    from events.models import Event
    from hubs.models import TransportHub
    from ports.models import PortOfEntry
    from routes.models import Route
    from stays.models import Stay
    from villages.models import Village

    return [Attraction, Village, Route, Event, PortOfEntry, Stay, TransportHub]


def search_words(language):
    """Words a visitor types in `language`, from the names of the attractions, villages and Border Tours: a whole
    name or a part of it; for Chinese also the pinyin of a name (run together, or its first two syllables)."""
    from attractions.models import Attraction
    from listings.i18n import build_localized_fieldname
    from routes.models import Route
    from villages.models import Village

    words = set()
    for model, field in ((Attraction, "name"), (Village, "name"), (Route, "title")):
        column = build_localized_fieldname(field, language)
        # The first 400 names of each kind: enough words, and a quick start at 50,000 attractions.
        rows = model.objects.published().order_by("pk").values_list(column, "search_pinyin")[:400]
        for name, pinyin in rows:
            name = (name or "").strip()
            if not name:
                continue
            words.add(name)
            if language == "zh-hans":
                words.add(name[:2])
                syllables = pinyin.split()
                if syllables:
                    words.add(syllables[-1])  # the whole name run together: "songlingxuecun"
                    words.add("".join(syllables[:2]))  # "songling"
            else:
                words.update(word.strip(",.()«»") for word in name.split() if len(word) >= 3)
    return sorted(word for word in words if word)


class AddressDrawer:
    """Draws distinct addresses of each category in one language (see the module docstring)."""

    def __init__(self, rng, language, specs):
        self.rng = rng
        self.language = language
        self.specs = specs
        self.options = {spec.url_name: spec.filter_options() for spec in specs}
        self.words = search_words(language)
        self.details = [
            (model, pk) for model in detail_models() for pk in model.objects.published().values_list("pk", flat=True)
        ]

    def draw(self, category):
        """One address of `category`, or None when this data has none to give."""
        return getattr(self, "draw_" + category.replace(" ", "_"))()

    def filters(self, spec):
        """A random combination of one to three of the list's filters, sometimes sorted."""
        options, sorts = self.options[spec.url_name]
        if not options:
            return {}
        names = self.rng.sample(sorted(options), min(len(options), self.rng.choice([1, 1, 1, 2, 2, 3])))
        params = {}
        for name in names:
            kind, values = options[name]
            if kind == "checkbox" and len(values) > 1 and self.rng.random() < 0.2:
                params[name] = sorted(self.rng.sample(values, 2))
            else:
                params[name] = [self.rng.choice(values)]
        if sorts and self.rng.random() < 0.2:
            params["sort"] = [self.rng.choice(sorts)]
        return params

    def list_path(self, url_name, params):
        query = urlencode(params, doseq=True)
        return reverse(url_name) + (f"?{query}" if query else "")

    def draw_filtered_list(self):
        spec = self.rng.choice(self.specs)
        params = self.filters(spec)
        if spec.paginated and self.rng.random() < 0.25:
            page = self.rng.choice([2, 3])
            # Only a page the list has (a page past the end is a 404): of these filters, or else of the whole list.
            for candidate in (params, {name: values for name, values in params.items() if name == "sort"}):
                data = {name: values for name, values in candidate.items() if name != "sort"}
                if spec.filterset(_query_dict(data)).qs.count() > PAGE_SIZE * (page - 1):
                    params = {**candidate, "page": [str(page)]}
                    break
        return self.address(self.list_path(spec.url_name, params), "filtered list")

    def draw_fragment(self):
        spec = self.rng.choice(self.specs)
        return self.address(self.list_path(spec.url_name, self.filters(spec)), "fragment", fragment=True)

    def draw_map_data(self):
        spec = self.rng.choice([spec for spec in self.specs if spec.geojson_url_name])
        params = self.filters(spec) if self.rng.random() < 0.7 else {}
        params.pop("sort", None)
        return self.address(self.list_path(spec.geojson_url_name, params), "map data")

    def draw_detail(self):
        if not self.details:
            return None
        model, pk = self.rng.choice(self.details)
        return self.address(model.objects.get(pk=pk).get_absolute_url(), "detail")

    def draw_search(self):
        if not self.words:
            return None
        word = self.rng.choice(self.words)
        if self.rng.random() < 0.7:
            return self.address(self.list_path("search", {"q": word}), "search")
        # The search box of a list, sometimes with one of its filters.
        spec = self.rng.choice(self.specs[:3])
        params = self.filters(spec) if self.rng.random() < 0.3 else {}
        params["q"] = [word]
        return self.address(self.list_path(spec.url_name, params), "search")

    def address(self, path, category, fragment=False):
        return Address(path, category, self.language, fragment)


def _query_dict(data):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, values in data.items():
        query.setlist(name, values)
    return query


def generate_addresses(count=500, seed=331):
    """About `count` distinct addresses, most popular first (see the module docstring)."""
    rng = random.Random(seed)
    specs = list_specs()
    first, rest = [], []
    for language, share in LANGUAGE_SHARES.items():
        with translation.override(language):
            first.append(Address(reverse("home"), "home", language))
            lists = [Address(reverse(spec.url_name), "list", language) for spec in specs]
            lists.append(Address(reverse("hubs:list"), "list", language))
            first += lists[:MOST_VISITED_LISTS]
            drawer = AddressDrawer(rng, language, specs)
            drawn = set(lists[MOST_VISITED_LISTS:])
            wanted = round(count * share) - 1 - MOST_VISITED_LISTS  # this language's addresses after the first
            for category, category_share in CATEGORY_SHARES.items():
                quota = round((wanted - len(lists) + MOST_VISITED_LISTS) * category_share)
                found = set()
                for _attempt in range(40 * quota):
                    if len(found) >= quota:
                        break
                    address = drawer.draw(category)
                    if address is None:
                        break
                    found.add(address)
                drawn |= found
            # A category this data has too few of (a small data set's events) leaves room for the others.
            categories = list(CATEGORY_SHARES)
            weights = list(CATEGORY_SHARES.values())
            for _attempt in range(40 * wanted):
                if len(drawn) >= wanted:
                    break
                address = drawer.draw(rng.choices(categories, weights)[0])
                if address is not None:
                    drawn.add(address)
            rest += sorted(drawn, key=lambda a: (a.category, a.path, a.fragment))
    # The home pages and unfiltered lists first (the Chinese ones at the root before the others), then the rest.
    first.sort(key=lambda a: (list(LANGUAGE_SHARES).index(a.language), a.category != "home"))
    popular = [first[0]]
    by_language = [[a for a in first if a.language == language] for language in LANGUAGE_SHARES]
    # Interleave the languages so each language's home page ranks near the top, Chinese leading every round.
    while any(by_language):
        for group in by_language:
            if group:
                address = group.pop(0)
                if address not in popular:
                    popular.append(address)
    rng.shuffle(rest)
    return popular + rest


def zipf_weights(count, exponent=ZIPF_EXPONENT):
    """The share of the hits of each rank, 1 to `count` (they add up to 1)."""
    raw = [1 / rank**exponent for rank in range(1, count + 1)]
    total = sum(raw)
    return [weight / total for weight in raw]


def mix_summary(addresses, weights):
    """The share of the hits of each language and category (what the mix is, for the report)."""
    summary = {"addresses": len(addresses), "languages": {}, "categories": {}}
    for address, weight in zip(addresses, weights, strict=True):
        for key, value in (("languages", address.language), ("categories", address.category)):
            summary[key][value] = summary[key].get(value, 0) + weight
    summary["top_10_share"] = sum(weights[:10])
    return summary


def write_addresses(addresses, path):
    weights = zipf_weights(len(addresses))
    with open(path, "w", encoding="utf-8") as out:
        for address, weight in zip(addresses, weights, strict=True):
            out.write(f"{weight:.8f}\t{int(address.fragment)}\t{address.path}\n")
    return mix_summary(addresses, weights)


def main():
    import argparse
    import json
    import os
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor_portal.settings")
    import django

    django.setup()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=331)
    args = parser.parse_args()
    addresses = generate_addresses(args.count, args.seed)
    print(json.dumps(write_addresses(addresses, args.out)))


if __name__ == "__main__":
    main()
