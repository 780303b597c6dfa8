"""Read, check and write the places to stay of `demo/data/practical/stays.json` (see its `about`): only those a
source names, each tied to its row of road.csv, whose sources and dates it takes. They need the corridor's
counties and villages loaded first (load_demo_data writes them in the same transaction, before these)."""

import datetime

from django.core.management.base import CommandError

from demo.loading.common import DATA_ROOT, DataCheck, read_csv, read_json
from demo.loading.sources import address_key, split_addresses
from listings.models import Region, Source, SourceKind, Status
from stays.models import Stay, StayKind
from villages.models import Village

DATA_DIR = DATA_ROOT / "practical"
LANGUAGES = ("zh_hans", "en", "ko", "ru")
# road.csv grades its facts by the kind of page behind them; a dated report of major media is news.
NEWS_SITES = ("cri.cn", "xinhuanet.com", "people.com.cn", "chinanews.com", "cctv.com", "chinadaily.com.cn")

check = DataCheck("Places to stay", DATA_DIR)


def is_loaded():
    return Stay.objects.exists()


def read_road_sources():
    """{road.csv id: [(page address, date or None)]}: each fact's sources with the date the sheet gives it."""
    facts = {}
    for row in read_csv(DATA_DIR / "road.csv"):
        addresses = split_addresses(row["sources"])
        dates = [part.strip() for part in row["source_dates"].split(";")]
        check(len(dates) == len(addresses), f"road.csv row {row['id']}: not one date per source")
        facts[row["id"]] = {
            "sources": [(address, parse_date(value)) for address, value in zip(addresses, dates, strict=True)],
            "confidence": row["confidence"],
        }
    return facts


def parse_date(value):
    """A full date, or None for the sheet's "undated", "year not shown" and the like (never guessed)."""
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None


def read_stays():
    """The stays of stays.json, each with its sources from road.csv, all checked before anything is written."""
    road = read_road_sources()
    stays = []
    for entry in read_json(DATA_DIR / "stays.json")["stays"]:
        where = f"stays.json {entry['slug']}"
        check(entry["road_csv_id"] in road, f"{where}: road.csv has no row {entry['road_csv_id']}")
        check(entry["kind"] in StayKind.values, f"{where}: unknown kind {entry['kind']!r}")
        check(entry["name_zh_hans"] and entry["name_en"], f"{where}: needs a Chinese and an English name")
        fact = road[entry["road_csv_id"]]
        texts = {
            f"{field}_{code}": entry.get(f"{field}_{code}", "")
            for field in ("name", "summary", "position_note")
            for code in LANGUAGES
        }
        stays.append(
            {
                "slug": entry["slug"],
                "region": entry["region"],
                "village": entry["village"],
                "sources": fact["sources"],
                "values": {
                    "status": Status.PUBLISHED,
                    "kind": entry["kind"],
                    "written_in": entry["written_in"],
                    "confidence": fact["confidence"],
                    **texts,
                },
            }
        )
    slugs = [stay["slug"] for stay in stays]
    check(len(slugs) == len(set(slugs)), "stays.json repeats a slug")
    return stays


def delete_demo_stays(stays):
    Stay.objects.filter(slug__in=[stay["slug"] for stay in stays]).delete()


def write_stays(writer, stays):
    for stay in stays:
        write_stay(writer, stay)


def position_of(region, village):
    """(latitude, longitude): the village's own position when known, else the county seat; always approximate, as
    no source gives the stay's."""
    if village is not None and not village.position_is_approximate:
        return village.latitude, village.longitude
    return region.latitude, region.longitude


def write_stay(writer, stay):
    where = f"place to stay {stay['slug']}"
    region = Region.objects.filter(slug=stay["region"]).first()
    if region is None:
        raise CommandError(f"{where}: county {stay['region']!r} is missing; run load_demo_data first.")
    village = None
    if stay["village"]:
        village = Village.objects.filter(slug=stay["village"]).first()
        if village is None:
            raise CommandError(f"{where}: village {stay['village']!r} is missing; run load_demo_data first.")
    latitude, longitude = position_of(region, village)
    values = {
        **stay["values"],
        "region": region,
        "village": village,
        "latitude": latitude,
        "longitude": longitude,
        "position_is_approximate": True,
    }
    obj, created, changed = writer.write(Stay, {"slug": stay["slug"]}, values)
    sources = [source_for(writer, address, published_on) for address, published_on in stay["sources"]]
    changed |= writer.set_m2m(obj.sources, sources)
    writer.count(created, changed)


def source_for(writer, address, published_on):
    """The source already loaded for this page (sources.csv keys some by S-number), else one keyed by its address,
    with the kind and date road.csv gives it."""
    known = Source.objects.filter(citation=address).first()
    if known is not None:
        return known
    kind = SourceKind.NEWS if any(site in address for site in NEWS_SITES) else SourceKind.OTHER
    values = {"citation": address, "kind": kind, "published_on": published_on}
    return writer.write(Source, {"key": address_key(address)}, values)[0]
