"""Load the portal's demo data: the counties along the G331 in Jilin, the sources, 34 attractions,
17 border villages and the demo Border Tours.

The data lives in `corridor_portal/demo_data/` (see its README.md). The command is idempotent:

- without options it loads the data into an empty database; once any county exists it changes
  nothing (`make run` calls it on every start and must not overwrite what editors changed);
- `--update` makes the demo rows match the files again: rows are found by slug (sources by key),
  and a row is saved only when a field the files describe differs, so running it twice changes
  nothing the second time;
- `--reset` deletes the demo rows first (see `delete_demo_rows`), then loads the files again.

A blank A-level or season cell stays empty: "not known", never "not rated" or "all year" (a_levels.csv adds
an A-level another sheet gives, with its page address as a source).

Fields the files say nothing about (ticket price, opening hours, address, contact, homestays,
beds, specialties, photos, festivals) are left empty on creation and never touched afterwards.
"""

import csv
import datetime
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Model
from django.utils import translation

from attractions.models import ALevel, Attraction
from corridor_portal.demo_sources import address_key, split_addresses
from listings.models import Confidence, Region, Season, Source, SourceKind, Status, Theme
from routes.models import Route, RouteDay, RouteStop, Transport
from villages.models import Culture, Village

DATA_DIR = Path(__file__).resolve().parents[2] / "demo_data"

# The language the plain (untranslated) column of a translated field holds.
DEFAULT_LANGUAGE = "zh-hans"

# The Jilin units of g331_sequence.csv; the Liaoning (0) and Heilongjiang (11) rows are skipped.
REGION_ORDERS = range(1, 11)
# A blank cell: no source gives the A-level (NULL, "not known"); none of the sheets says "not rated".
A_LEVELS = {"": None, "1A": ALevel.A1, "2A": ALevel.A2, "3A": ALevel.A3, "4A": ALevel.A4, "5A": ALevel.A5}
ALL_SEASONS = [season.value for season in Season]
FIRST_SENTENCE = re.compile(r"^(.+?[.!?])\s+(?=[A-Z])(.*)$", re.DOTALL)

ALREADY_LOADED = "Demo data already loaded; nothing changed (use --reset to reload)."


@dataclass
class Row:
    """One row to write: the fields that find it, the fields the files give, its many-to-many sets."""

    lookup: dict
    values: dict
    m2m: dict = field(default_factory=dict)


@dataclass
class DemoData:
    regions: list
    sources: list
    attractions: list
    villages: list
    tours: list

    @property
    def region_slugs(self):
        return [row.lookup["slug"] for row in self.regions]

    @property
    def source_keys(self):
        return [row.lookup["key"] for row in self.sources]

    @property
    def attraction_slugs(self):
        return [row.lookup["slug"] for row in self.attractions]

    @property
    def village_slugs(self):
        return [row.lookup["slug"] for row in self.villages]

    @property
    def tour_slugs(self):
        return [tour["slug"] for tour in self.tours]


def translated(name, zh, en="", ko="", ru=""):
    """The explicit language columns of a translated field; an unknown language stays empty."""
    return {f"{name}_zh_hans": zh or "", f"{name}_en": en or "", f"{name}_ko": ko or "", f"{name}_ru": ru or ""}


def split_summary(text):
    """The first sentence of a short English text, and the rest (often nothing)."""
    text = " ".join(text.split())
    match = FIRST_SENTENCE.match(text)
    return (match.group(1), match.group(2)) if match else (text, "")


def read_csv(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_json(name):
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


class DataError(CommandError):
    pass


def check(condition, message):
    if not condition:
        raise DataError(f"Demo data in {DATA_DIR}: {message}")


def parse_seasons(value, where):
    value = value.strip()
    if value == "all":
        return list(ALL_SEASONS)
    seasons = [part.strip() for part in value.split(";") if part.strip()]
    for season in seasons:
        check(season in ALL_SEASONS, f"{where}: unknown season {season!r}")
    return seasons


def parse_position(row, text, region_row, where):
    """The listing's position from the CSV, else its county seat marked as approximate; with the CSV's note on
    where the position comes from (`coord_note`, in English; villages.csv has no such column) and the team's
    translations of it in translations.json."""
    lat, lon = row["lat"].strip(), row["lon"].strip()
    check(bool(lat) == bool(lon), f"{where}: latitude and longitude must be given together")
    note_en = (row.get("coord_note") or "").strip()
    translations = [text.get(f"position_note_{code}", "") for code in ("zh_hans", "ko", "ru")]
    check(note_en or not any(translations), f"{where}: translations.json translates a note the CSV does not give")
    note = translated("position_note", translations[0], note_en, *translations[1:])
    if lat:
        return {"latitude": float(lat), "longitude": float(lon), "position_is_approximate": False, **note}
    return {
        "latitude": region_row.values["latitude"],
        "longitude": region_row.values["longitude"],
        "position_is_approximate": True,
        **note,
    }


def parse_sources(value, known, where):
    keys = [key.strip() for key in value.split(";") if key.strip()]
    check(keys, f"{where}: no source")
    for key in keys:
        check(key in known, f"{where}: unknown source {key!r}")
    return keys


def parse_confidence(value, where):
    check(value in Confidence.values, f"{where}: unknown confidence {value!r}")
    return value


def read_regions(texts):
    sequence = {int(row["order"]): row for row in read_csv("g331_sequence.csv")}
    by_order = {entry["order"]: entry for entry in texts["regions"]}
    regions = []
    for order in REGION_ORDERS:
        check(order in sequence, f"g331_sequence.csv has no row {order}")
        check(order in by_order, f"translations.json has no region with order {order}")
        row, text = sequence[order], by_order[order]
        check(
            row["unit_en"] == text["csv_unit_en"],
            f"region {order}: translations.json says {text['csv_unit_en']!r}, the CSV {row['unit_en']!r}",
        )
        values = {
            "corridor_order": order,
            "latitude": float(row["approx_lat"]),
            "longitude": float(row["approx_lon"]),
            "order_confidence": parse_confidence(row["confidence"], f"g331_sequence.csv row {order}"),
            **translated("name", text["name_zh_hans"], text["name_en"], text["name_ko"], text["name_ru"]),
            **translated("prefecture", text["prefecture_zh_hans"], row["prefecture"]),
            **translated("summary", text["summary_zh_hans"], text["summary_en"]),
        }
        regions.append(Row({"slug": text["slug"]}, values))
    return regions


def read_sources():
    """The sources with their kind and date: the kind sets how much a page may trust them (Source.confidence_on)."""
    sources = []
    for row in read_csv("sources.csv"):
        key = row["key"].strip()
        check(row["kind"] in SourceKind.values, f"sources.csv {key}: unknown kind {row['kind']!r}")
        published_on = datetime.date.fromisoformat(row["published_on"]) if row["published_on"] else None
        values = {"citation": row["citation"].strip(), "kind": row["kind"], "published_on": published_on}
        sources.append(Row({"key": key}, values))
    keys = [row.lookup["key"] for row in sources]
    check(len(keys) == len(set(keys)), "sources.csv repeats a key")
    return sources


def place_rows(csv_name, texts, section, regions_by_county, source_keys, values_for):
    """Rows for the places of one CSV, joined by id to their texts in translations.json."""
    by_id = {entry["id"]: entry for entry in texts[section]}
    rows = []
    for row in read_csv(csv_name):
        place_id = int(row["id"])
        where = f"{csv_name} row {place_id}"
        check(place_id in by_id, f"{where} has no entry in translations.json")
        text = by_id[place_id]
        check(text["name_en"] == row["name_en"], f"{where}: translations.json names it {text['name_en']!r}")
        check(row["county"] in regions_by_county, f"{where}: unknown county {row['county']!r}")
        check(text["summary_zh_hans"].strip(), f"{where}: no Chinese summary")
        region_row = regions_by_county[row["county"]]
        summary_en, rest_en = split_summary(row["description_en" if "description_en" in row else "features_en"])
        values = {
            "status": Status.PUBLISHED,
            "region": region_row.lookup["slug"],
            "confidence": parse_confidence(row["confidence"], where),
            **translated("name", row["name_zh"], row["name_en"], text["name_ko"], text["name_ru"]),
            **translated("summary", text["summary_zh_hans"], summary_en),
            **translated("description", text["description_zh_hans"], rest_en),
            **parse_position(row, text, region_row, where),
            **values_for(row, text, where),
        }
        sources = parse_sources(row["sources"], source_keys, where)
        rows.append(Row({"slug": text["slug"]}, values, {"sources": sources}))
    slugs = [row.lookup["slug"] for row in rows]
    check(len(slugs) == len(set(slugs)), f"{csv_name}: two places share a slug")
    check(len(rows) == len(by_id), f"translations.json has {section} that {csv_name} lacks")
    return rows


def attraction_values(row, text, where):
    check(row["category"] in Theme.values, f"{where}: unknown category {row['category']!r}")
    check(row["a_level"] in A_LEVELS, f"{where}: unknown A-level {row['a_level']!r}")
    level = A_LEVELS[row["a_level"]]
    return {
        "category": row["category"],
        "a_level": None if level is None else int(level),
        "best_seasons": parse_seasons(row["best_season"], where),
    }


def read_other_a_levels(attractions_by_id):
    """A-levels that another sheet gives for an attraction whose own row has none (a_levels.csv), each with
    its page addresses: {attraction id: (level, [address])}."""
    levels = {}
    for row in read_csv("a_levels.csv"):
        place_id, where = int(row["id"]), f"a_levels.csv row {row['id']}"
        check(place_id in attractions_by_id, f"{where}: no such attraction")
        check(attractions_by_id[place_id]["name_en"] == row["name_en"], f"{where}: not {row['name_en']!r}")
        check(not attractions_by_id[place_id]["a_level"], f"{where}: attractions.csv gives an A-level already")
        check(row["a_level"] in A_LEVELS and A_LEVELS[row["a_level"]], f"{where}: unknown A-level {row['a_level']!r}")
        addresses = split_addresses(row["sources"])
        check(addresses, f"{where}: no source")
        levels[place_id] = (int(A_LEVELS[row["a_level"]]), addresses)
    return levels


def add_other_a_levels(attractions, sources):
    """Apply a_levels.csv over the attraction rows; its page addresses become sources (keys from address_key)."""
    by_id = {int(row["id"]): row for row in read_csv("attractions.csv")}
    slugs = {entry["id"]: entry["slug"] for entry in read_json("translations.json")["attractions"]}
    rows = {row.lookup["slug"]: row for row in attractions}
    known = {source.lookup["key"] for source in sources}
    for place_id, (level, addresses) in read_other_a_levels(by_id).items():
        row = rows[slugs[place_id]]
        row.values["a_level"] = level
        for address in addresses:
            key = address_key(address)
            if key not in known:
                sources.append(Row({"key": key}, {"citation": address}))
                known.add(key)
            if key not in row.m2m["sources"]:
                row.m2m["sources"].append(key)


def culture_of(note):
    """Korean… → korean, Han… → han, nothing → unknown."""
    for prefix, culture in (("Korean", Culture.KOREAN), ("Han", Culture.HAN), ("Manchu", Culture.MANCHU)):
        if note.startswith(prefix):
            return culture.value
    check(not note, f"unknown culture {note!r}")
    return Culture.UNKNOWN.value


def village_values(row, text, where):
    note = row["culture"].strip()
    return {
        "culture": culture_of(note),
        **translated("culture_note", text["culture_note_zh_hans"], note),
        **translated("town", text["town_zh_hans"], row["town"].strip()),
    }


def read_tours(known_attractions, known_villages, known_regions):
    tours = read_json("tours.json")["tours"]
    slugs = [tour["slug"] for tour in tours]
    check(len(slugs) == len(set(slugs)), "tours.json repeats a slug")
    for tour in tours:
        where = f"tour {tour['slug']}"
        check(tour["transport"] in Transport.values, f"{where}: unknown transport {tour['transport']!r}")
        check(all(theme in Theme.values for theme in tour["themes"]), f"{where}: unknown theme")
        check(all(season in ALL_SEASONS for season in tour["best_seasons"]), f"{where}: unknown season")
        check(tour["status"] in Status.values, f"{where}: unknown status")
        check(tour["start_region"] in known_regions and tour["end_region"] in known_regions, f"{where}: region")
        check(tour["duration_days"] == len(tour["days"]), f"{where}: duration_days is not the number of days")
        check(
            [day["number"] for day in tour["days"]] == list(range(1, len(tour["days"]) + 1)),
            f"{where}: days must be numbered 1, 2, 3…",
        )
        for day in tour["days"]:
            check(day["stops"], f"{where} day {day['number']}: no stop")
            for stop in day["stops"]:
                attraction, village = stop.get("attraction"), stop.get("village")
                check(bool(attraction) != bool(village), f"{where}: a stop is one attraction or one village")
                check(
                    attraction in known_attractions if attraction else village in known_villages,
                    f"{where}: unknown place {attraction or village!r}",
                )
    return tours


def read_demo_data():
    """Read and check every file before anything is written."""
    texts = read_json("translations.json")
    regions = read_regions(texts)
    by_slug = {row.lookup["slug"]: row for row in regions}
    regions_by_county = {}
    for county, slug in texts["county_to_region"].items():
        check(slug in by_slug, f"county {county!r} maps to unknown region {slug!r}")
        regions_by_county[county] = by_slug[slug]
    sources = read_sources()
    source_keys = {row.lookup["key"] for row in sources}
    attractions = place_rows("attractions.csv", texts, "attractions", regions_by_county, source_keys, attraction_values)
    add_other_a_levels(attractions, sources)
    villages = place_rows("villages.csv", texts, "villages", regions_by_county, source_keys, village_values)
    tours = read_tours(
        {row.lookup["slug"] for row in attractions}, {row.lookup["slug"] for row in villages}, set(by_slug)
    )
    return DemoData(regions, sources, attractions, villages, tours)


def same(current, wanted):
    """Equal, counting an empty text and NULL as the same (translation columns are nullable)."""
    if current in (None, "") and wanted in (None, ""):
        return True
    if isinstance(current, Decimal) and wanted is not None:
        return current == Decimal(str(wanted))
    return current == wanted


class Command(BaseCommand):
    help = (
        "Load the demo counties, sources, attractions, villages and Border Tours from "
        "corridor_portal/demo_data/. Does nothing once the database holds any county, unless "
        "--update (re-apply the files over the demo rows) or --reset (delete the demo rows and load "
        "them again) is given. --reset deletes the demo Border Tours, attractions and villages (by their "
        "demo slugs) and the demo counties and sources nothing else refers to."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Re-apply the files over existing demo rows (overwrites editors' changes to the fields the "
            "files describe). Idempotent.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            # Shared with load_port_data and load_event_data, which inherit these options.
            help="Delete the demo rows this command loads (by their demo slugs; nothing staff made), then load "
            "them again.",
        )

    def handle(self, *args, **options):
        reset, update = options["reset"], options["update"]
        if not (reset or update) and Region.objects.exists():
            self.stdout.write(ALREADY_LOADED)
            return
        data = read_demo_data()
        self.tally = Counter()
        with translation.override(DEFAULT_LANGUAGE), transaction.atomic():
            if reset:
                self.delete_demo_rows(data)
            regions = {row.lookup["slug"]: self.write_simple(Region, row) for row in data.regions}
            sources = {row.lookup["key"]: self.write_simple(Source, row) for row in data.sources}
            attractions = {
                row.lookup["slug"]: self.write_place(Attraction, row, regions, sources) for row in data.attractions
            }
            villages = {row.lookup["slug"]: self.write_place(Village, row, regions, sources) for row in data.villages}
            for tour in data.tours:
                self.write_tour(tour, regions, attractions, villages)
        self.stdout.write(
            f"Demo data: {len(data.regions)} regions, {len(data.sources)} sources, "
            f"{len(data.attractions)} attractions, {len(data.villages)} villages, {len(data.tours)} Border Tours "
            f"(created {self.tally['created']}, updated {self.tally['updated']}, "
            f"unchanged {self.tally['unchanged']})."
        )

    # Deleting

    def delete_demo_rows(self, data):
        """Delete what the demo data created; keep whatever editors' own rows still refer to."""
        Route.objects.filter(slug__in=data.tour_slugs).delete()
        blocking = (
            RouteStop.objects.filter(attraction__slug__in=data.attraction_slugs)
            | RouteStop.objects.filter(village__slug__in=data.village_slugs)
        ).select_related("day__route")
        tours = sorted({stop.day.route.slug for stop in blocking})
        if tours:
            raise CommandError(
                "These Border Tours stop at demo places; remove those stops or the tours before --reset: "
                + ", ".join(tours)
            )
        Attraction.objects.filter(slug__in=data.attraction_slugs).delete()
        Village.objects.filter(slug__in=data.village_slugs).delete()
        Region.objects.filter(
            slug__in=data.region_slugs,
            attraction__isnull=True,
            village__isnull=True,
            routes_starting__isnull=True,
            routes_ending__isnull=True,
        ).delete()
        Source.objects.filter(key__in=data.source_keys, attraction__isnull=True, village__isnull=True).delete()

    # Writing

    def write(self, model, lookup, values):
        """Create the row, or save it only when a field differs from the files.

        Returns the object and whether it was created and whether it was written.
        """
        obj = model.objects.filter(**lookup).first()
        created = obj is None
        if created:
            obj = model(**lookup)
        changed = created or not all(same(current_value(obj, name, value), value) for name, value in values.items())
        if changed:
            for name, value in values.items():
                setattr(obj, name, value)
            set_plain_columns(obj, values)
            self.validate(obj, lookup)
            obj.save()
        return obj, created, changed

    def validate(self, obj, lookup):
        try:
            obj.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise CommandError(f"{type(obj).__name__} {lookup}: {error}") from error

    def count(self, created, changed):
        self.tally["created" if created else "updated" if changed else "unchanged"] += 1

    def write_simple(self, model, row):
        obj, created, changed = self.write(model, row.lookup, row.values)
        self.count(created, changed)
        return obj

    def write_place(self, model, row, regions, sources):
        values = {**row.values, "region": regions[row.values["region"]]}
        obj, created, changed = self.write(model, row.lookup, values)
        wanted = {sources[key].pk for key in row.m2m["sources"]}
        if set(obj.sources.values_list("pk", flat=True)) != wanted:
            obj.sources.set(wanted)
            changed = True
        self.count(created, changed)
        return obj

    def write_tour(self, tour, regions, attractions, villages):
        values = {
            "duration_days": tour["duration_days"],
            "themes": tour["themes"],
            "best_seasons": tour["best_seasons"],
            "transport": tour["transport"],
            "price_from": tour["price_from"],
            "status": tour["status"],
            "start_region": regions[tour["start_region"]],
            "end_region": regions[tour["end_region"]],
            **translated("title", tour["title_zh_hans"], tour["title_en"]),
            **translated("summary", tour["summary_zh_hans"], tour["summary_en"]),
            **translated("description", tour["description_zh_hans"], tour["description_en"]),
        }
        lookup = {"slug": tour["slug"]}
        route, created, changed = self.write(Route, lookup, values)
        wanted = itinerary_from_file(tour, attractions, villages)
        if created or itinerary_in_database(route) != wanted:
            # Days and stops have no key of their own: rebuild them all when anything differs.
            route.days.all().delete()
            for day_values, stops in wanted:
                day = RouteDay(route=route, **dict(day_values))
                set_plain_columns(day, dict(day_values))
                self.validate(day, {**lookup, "day": day.number})
                day.save()
                for stop_values in stops:
                    stop = RouteStop(day=day, **dict(stop_values))
                    set_plain_columns(stop, dict(stop_values))
                    self.validate(stop, {**lookup, "day": day.number})
                    stop.save()
            changed = True
        self.count(created, changed)
        return route


def current_value(obj, name, wanted):
    """What the row holds now; a related row as itself only when the wanted value is one (no query)."""
    if isinstance(wanted, Model):
        return wanted if getattr(obj, obj._meta.get_field(name).attname) == wanted.pk else None
    return getattr(obj, name)


def set_plain_columns(obj, values):
    """The plain column of a translated field holds the Chinese text, as modeltranslation expects."""
    for name, value in values.items():
        if name.endswith("_zh_hans"):
            setattr(obj, name.removesuffix("_zh_hans"), value)


# A tour's days and stops as comparable tuples: the file's version and the database's.
DAY_TEXTS = ("title", "description", "overnight")


def itinerary_from_file(tour, attractions, villages):
    days = []
    for day in tour["days"]:
        day_values = [("number", day["number"])]
        for name in DAY_TEXTS:
            day_values += [(f"{name}_zh_hans", day[f"{name}_zh_hans"]), (f"{name}_en", day[f"{name}_en"])]
        stops = []
        for position, stop in enumerate(day["stops"], start=1):
            attraction = attractions[stop["attraction"]] if stop.get("attraction") else None
            village = villages[stop["village"]] if stop.get("village") else None
            stops.append(
                (
                    ("position", position),
                    ("attraction_id", attraction.pk if attraction else None),
                    ("village_id", village.pk if village else None),
                    ("suggested_minutes", stop.get("suggested_minutes")),
                    ("road_km_from_previous", None),
                    ("note_zh_hans", stop.get("note_zh_hans", "")),
                    ("note_en", stop.get("note_en", "")),
                )
            )
        days.append((tuple(day_values), tuple(stops)))
    return days


def itinerary_in_database(route):
    def text(value):
        return value or ""

    days = []
    for day in route.days.order_by("number").prefetch_related("stops"):
        day_values = [("number", day.number)]
        for name in DAY_TEXTS:
            day_values += [
                (f"{name}_zh_hans", text(getattr(day, f"{name}_zh_hans"))),
                (f"{name}_en", text(getattr(day, f"{name}_en"))),
            ]
        stops = [
            (
                ("position", stop.position),
                ("attraction_id", stop.attraction_id),
                ("village_id", stop.village_id),
                ("suggested_minutes", stop.suggested_minutes),
                ("road_km_from_previous", stop.road_km_from_previous),
                ("note_zh_hans", text(stop.note_zh_hans)),
                ("note_en", text(stop.note_en)),
            )
            for stop in sorted(day.stops.all(), key=lambda stop: (stop.position, stop.id))
        ]
        days.append((tuple(day_values), tuple(stops)))
    return days
