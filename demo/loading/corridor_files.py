"""Read and check the corridor's demo files (`demo/data/corridor/`, see its README.md) before anything is written.

The counties along the G331 in Jilin, the sources, 34 attractions, 17 border villages and the demo Border Tours,
as rows to write (`corridor.py` writes them). A blank A-level or season cell stays empty: "not known", never
"not rated" or "all year" (a_levels.csv adds an A-level another sheet gives, with its page address as a source).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings

from attractions.models import ALevel
from demo.loading.common import DATA_ROOT, DataCheck, read_csv, read_json, split_summary, translated
from demo.loading.hubs import read_hubs
from demo.loading.sources import address_key, split_addresses
from listings.models import Confidence, Season, SourceKind, Status, Theme
from routes.models import Transport
from villages.models import Culture

DATA_DIR = DATA_ROOT / "corridor"

# The Jilin units of g331_sequence.csv; the Liaoning (0) and Heilongjiang (11) rows are skipped.
REGION_ORDERS = range(1, 11)
# A blank cell: no source gives the A-level (NULL, "not known"); none of the sheets says "not rated".
A_LEVELS = {"": None, "1A": ALevel.A1, "2A": ALevel.A2, "3A": ALevel.A3, "4A": ALevel.A4, "5A": ALevel.A5}
ALL_SEASONS = [season.value for season in Season]
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

check = DataCheck("Demo data", DATA_DIR)


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
    # The airports and stations (demo/data/practical/, demo/loading/hubs.py): a tour may start from one.
    hubs: list = field(default_factory=list)

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

    @property
    def hub_slugs(self):
        return [hub["slug"] for hub in self.hubs]


def four_languages(name, entry, where, en=None):
    """The four language columns of a text: Chinese, Korean and Russian from translations.json (or tours.json), the
    English from the CSV when it gives one. A text given in one language is given in all four: the others are the
    team's translations (the listing's `written_in` says which language they were translated from)."""
    texts = translated(
        name,
        entry.get(f"{name}_zh_hans", ""),
        entry.get(f"{name}_en", "") if en is None else en,
        entry.get(f"{name}_ko", ""),
        entry.get(f"{name}_ru", ""),
    )
    missing = [column for column, text in texts.items() if not text.strip()]
    check(not missing or len(missing) == len(texts), f"{where}: {name} is written, but not in {', '.join(missing)}")
    return texts


def read_translations():
    """translations.json: the team's texts of the counties and places, and which county is which region."""
    return read_json(DATA_DIR / "translations.json")


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
    note = four_languages("position_note", text, where, en=note_en)
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
    sequence = {int(row["order"]): row for row in read_csv(DATA_DIR / "g331_sequence.csv")}
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
            **four_languages("name", text, f"region {order}"),
            **four_languages("prefecture", text, f"region {order}", en=row["prefecture"]),
            **four_languages("summary", text, f"region {order}"),
        }
        regions.append(Row({"slug": text["slug"]}, values))
    return regions


def read_source_titles():
    """{key: the title columns} from source-titles.json: a citation in words, in each language."""
    titles = {}
    for entry in read_json(DATA_DIR / "source-titles.json")["titles"]:
        columns = translated("title", entry["title_zh_hans"], entry["title_en"], entry["title_ko"], entry["title_ru"])
        check(all(columns.values()), f"source-titles.json {entry['key']}: a language is missing")
        titles[entry["key"]] = columns
    return titles


def read_sources():
    """The sources with their kind and date: the kind sets how much a page may trust them (Source.confidence_on)."""
    sources = []
    titles = read_source_titles()
    for row in read_csv(DATA_DIR / "sources.csv"):
        key = row["key"].strip()
        check(row["kind"] in SourceKind.values, f"sources.csv {key}: unknown kind {row['kind']!r}")
        published_on = datetime.date.fromisoformat(row["published_on"]) if row["published_on"] else None
        values = {"citation": row["citation"].strip(), "kind": row["kind"], "published_on": published_on}
        # A bare address has no title (all columns empty); a citation in words has one in each language.
        values.update(titles.get(key, translated("title", "")))
        check(key not in titles or titles[key]["title_en"] == values["citation"], f"source-titles.json {key}: English")
        sources.append(Row({"key": key}, values))
    check(set(titles) <= {row.lookup["key"] for row in sources}, "source-titles.json names a key not in sources.csv")
    keys = [row.lookup["key"] for row in sources]
    check(len(keys) == len(set(keys)), "sources.csv repeats a key")
    return sources


def place_rows(csv_name, texts, section, regions_by_county, source_keys, values_for):
    """Rows for the places of one CSV, joined by id to their texts in translations.json."""
    by_id = {entry["id"]: entry for entry in texts[section]}
    rows = []
    for row in read_csv(DATA_DIR / csv_name):
        place_id = int(row["id"])
        where = f"{csv_name} row {place_id}"
        check(place_id in by_id, f"{where} has no entry in translations.json")
        text = by_id[place_id]
        check(text["name_en"] == row["name_en"], f"{where}: translations.json names it {text['name_en']!r}")
        check(row["county"] in regions_by_county, f"{where}: unknown county {row['county']!r}")
        check(text["summary_zh_hans"].strip(), f"{where}: no Chinese summary")
        check(text.get("written_in") in LANGUAGE_CODES, f"{where}: written_in must be one of {LANGUAGE_CODES}")
        region_row = regions_by_county[row["county"]]
        summary_en, rest_en = split_summary(row["description_en" if "description_en" in row else "features_en"])
        values = {
            "status": Status.PUBLISHED,
            "region": region_row.lookup["slug"],
            "confidence": parse_confidence(row["confidence"], where),
            "written_in": text["written_in"],
            **four_languages("name", {**text, "name_zh_hans": row["name_zh"]}, where, en=row["name_en"]),
            **four_languages("summary", text, where, en=summary_en),
            **four_languages("description", text, where, en=rest_en),
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
    for row in read_csv(DATA_DIR / "a_levels.csv"):
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
    by_id = {int(row["id"]): row for row in read_csv(DATA_DIR / "attractions.csv")}
    slugs = {entry["id"]: entry["slug"] for entry in read_translations()["attractions"]}
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
        **four_languages("culture_note", text, where, en=note),
        **four_languages("town", text, where, en=row["town"].strip()),
    }


def read_tours(known_attractions, known_villages, known_regions, known_hubs=()):
    tours = read_json(DATA_DIR / "tours.json")["tours"]
    slugs = [tour["slug"] for tour in tours]
    check(len(slugs) == len(set(slugs)), "tours.json repeats a slug")
    for tour in tours:
        where = f"tour {tour['slug']}"
        check(tour["transport"] in Transport.values, f"{where}: unknown transport {tour['transport']!r}")
        check(all(theme in Theme.values for theme in tour["themes"]), f"{where}: unknown theme")
        check(all(season in ALL_SEASONS for season in tour["best_seasons"]), f"{where}: unknown season")
        check(tour["status"] in Status.values, f"{where}: unknown status")
        check(tour.get("written_in") in LANGUAGE_CODES, f"{where}: written_in must be one of {LANGUAGE_CODES}")
        tour["texts"] = {name: four_languages(name, tour, where) for name in ("title", "summary", "description")}
        check(tour["start_region"] in known_regions and tour["end_region"] in known_regions, f"{where}: region")
        # Only where the first stop's county is plainly served by the hub; otherwise the start stays unknown.
        check(tour.get("start_hub") is None or tour["start_hub"] in known_hubs, f"{where}: unknown start_hub")
        check(tour["duration_days"] == len(tour["days"]), f"{where}: duration_days is not the number of days")
        check(
            [day["number"] for day in tour["days"]] == list(range(1, len(tour["days"]) + 1)),
            f"{where}: days must be numbered 1, 2, 3…",
        )
        for day in tour["days"]:
            check(day["stops"], f"{where} day {day['number']}: no stop")
            day["texts"] = {
                name: four_languages(name, day, f"{where} day {day['number']}")
                for name in ("title", "description", "overnight")
            }
            for stop in day["stops"]:
                stop["texts"] = four_languages("note", stop, f"{where} day {day['number']}")
                attraction, village = stop.get("attraction"), stop.get("village")
                check(bool(attraction) != bool(village), f"{where}: a stop is one attraction or one village")
                check(
                    attraction in known_attractions if attraction else village in known_villages,
                    f"{where}: unknown place {attraction or village!r}",
                )
    return tours


def read_demo_data():
    """Read and check every file before anything is written."""
    texts = read_translations()
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
    hubs = read_hubs()
    for hub in hubs:
        check(hub["region"] is None or hub["region"] in by_slug, f"hub {hub['slug']}: unknown county {hub['region']!r}")
    tours = read_tours(
        {row.lookup["slug"] for row in attractions},
        {row.lookup["slug"] for row in villages},
        set(by_slug),
        {hub["slug"] for hub in hubs},
    )
    return DemoData(regions, sources, attractions, villages, tours, hubs)
