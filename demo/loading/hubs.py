"""Read, check and write the airports, railway stations and bus transfer centre of `demo/data/practical/hubs.csv`
(copied verbatim from the shared fact sheets) with the team's `hubs.json` (slugs, counties, and the Chinese, Korean
and Russian of the names, summaries and every English text of the CSV that pages show). They need the corridor's
counties loaded first; the demo Border Tours name the hub they start from.

A blank cell stays empty (unknown): a hub without coordinates has no position. Each source is cited by its page
address, with the date the CSV gives for it; the hub's "last verified" date is that of its newest dated source
(a copy's date, marked "(mirror)", does not count: it is not the report's).
"""

import datetime
import re

from django.core.management.base import CommandError

from demo.loading.common import DATA_ROOT, DataCheck, read_csv, read_json, translated
from hubs.models import DatePrecision, HubKind, TransportHub
from listings.models import Confidence, Region, Status

DATA_DIR = DATA_ROOT / "practical"
KINDS = {
    "airport": HubKind.AIRPORT,
    "rail (high-speed)": HubKind.HIGH_SPEED_RAIL,
    "rail (high-speed and conventional)": HubKind.HIGH_SPEED_RAIL,
    "rail (conventional)": HubKind.RAIL,
    "bus": HubKind.BUS,
}
CODES = re.compile(r"^(?P<iata>[A-Z]{3})(?: \(ICAO (?P<icao>[A-Z]{4})\))?$")
OPENING = re.compile(r"^(?P<year>\d{4})(?: \((?P<note>.*)\))?$")
SOURCE_DATE = re.compile(r"^(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)\b")

check = DataCheck("Hub data", DATA_DIR)


def parse_source_date(value):
    """(date, precision) of a `source_dates` entry: "2025-10-27", "2014-06 (reports …)", "2019 (notice …)";
    (None, None) for "undated", "year not shown" and a copy's date ("… (mirror)")."""
    match = SOURCE_DATE.match(value.strip())
    if match is None or "(mirror)" in value:
        return None, None
    text = match["date"]
    if len(text) == 4:
        return datetime.date(int(text), 1, 1), DatePrecision.YEAR
    if len(text) == 7:
        return datetime.date.fromisoformat(f"{text}-01"), DatePrecision.MONTH
    return datetime.date.fromisoformat(text), DatePrecision.DAY


def read_sources(row, where):
    """[(address, published_on or None)] of a row: one date for each source, in the same order; only a full date
    is a source's publication date (a month or a year alone is left empty, as for the other sources)."""
    addresses = [part.strip() for part in row["sources"].split(";")]
    dates = [part.strip() for part in row["source_dates"].split(";")]
    check(all(addresses), f"{where}: an empty source")
    check(len(addresses) == len(dates), f"{where}: {len(addresses)} sources but {len(dates)} source dates")
    parsed = [parse_source_date(value) for value in dates]
    sources = [
        (address, day if precision == DatePrecision.DAY else None)
        for address, (day, precision) in zip(addresses, parsed, strict=True)
    ]
    dated = [(day, precision) for day, precision in parsed if day is not None]
    newest = max(dated, key=lambda pair: pair[0], default=(None, DatePrecision.DAY))
    return sources, newest


def read_hubs():
    """The rows of hubs.csv joined by id with hubs.json, as TransportHub values; all checked before any write."""
    rows = read_csv(DATA_DIR / "hubs.csv")
    extra = read_json(DATA_DIR / "hubs.json")
    team = {entry["id"]: entry for entry in extra["hubs"]}
    prefectures = extra["prefectures"]
    check(len(team) == len(rows), "hubs.json and hubs.csv list different hubs")
    hubs = []
    for row in rows:
        where = f"hubs.csv row {row['id']} ({row['name_en']})"
        text = team.get(int(row["id"]))
        check(text is not None, f"{where}: not in hubs.json")
        check(row["kind"] in KINDS, f"{where}: unknown kind {row['kind']!r}")
        check(row["confidence"] in Confidence.values, f"{where}: unknown confidence {row['confidence']!r}")
        check(row["prefecture"] in prefectures, f"{where}: prefecture {row['prefecture']!r} not in hubs.json")
        code = CODES.match(row["code"].strip()) if row["code"].strip() else None
        check(code is not None or not row["code"].strip(), f"{where}: cannot read the code {row['code']!r}")
        lat, lon = row["lat"].strip(), row["lon"].strip()
        check(bool(lat) == bool(lon), f"{where}: latitude and longitude must be given together")
        opening = OPENING.match(row["opening_year"].strip()) if row["opening_year"].strip() else None
        check(opening is not None or not row["opening_year"].strip(), f"{where}: cannot read the opening year")
        sources, (verified_on, precision) = read_sources(row, where)
        prefecture = prefectures[row["prefecture"]]
        hubs.append(
            {
                "slug": text["slug"],
                "region": text["region"],
                "sources": sources,
                "values": {
                    "status": Status.PUBLISHED,
                    "written_in": "en",
                    "kind": KINDS[row["kind"]].value,
                    "iata_code": code["iata"] if code else "",
                    "icao_code": (code["icao"] or "") if code else "",
                    "latitude": float(lat) if lat else None,
                    "longitude": float(lon) if lon else None,
                    "opening_year": int(opening["year"]) if opening else None,
                    "verified_on": verified_on,
                    "verified_precision": precision.value,
                    "confidence": row["confidence"],
                    **translated(
                        "name",
                        row["name_zh"].strip(),
                        text.get("name_en", row["name_en"]),
                        text["name_ko"],
                        text["name_ru"],
                    ),
                    **translated(
                        "summary", text["summary_zh_hans"], text["summary_en"], text["summary_ko"], text["summary_ru"]
                    ),
                    **translated(
                        "prefecture", prefecture["zh_hans"], row["prefecture"], prefecture["ko"], prefecture["ru"]
                    ),
                    **four_languages("serves", text, row["county_served"], where),
                    **four_languages("position_note", text, row["coord_note"], where),
                    **four_languages("lines", text, row["lines_or_routes"], where),
                    **four_languages("opening_note", text, (opening["note"] or "") if opening else "", where),
                    **four_languages("status_note", text, row["status_note"], where),
                    **four_languages("conflicts_note", text, row["conflicts_note"], where),
                    **four_languages("confidence_reason", text, row["confidence_reason"], where),
                },
            }
        )
    slugs = [hub["slug"] for hub in hubs]
    check(len(slugs) == len(set(slugs)), "hubs.json repeats a slug")
    return hubs


def four_languages(name, team, english, where):
    """The four language columns of one of the CSV's English texts: the English verbatim, the Chinese, Korean and
    Russian the team's translations in hubs.json. Four languages or none: a text the CSV gives must be translated
    into all three, and a blank cell (unknown) has no translation."""
    texts = translated(
        name,
        team.get(f"{name}_zh_hans", ""),
        english.strip(),
        team.get(f"{name}_ko", ""),
        team.get(f"{name}_ru", ""),
    )
    missing = [column for column, value in texts.items() if not value.strip()]
    check(not missing or len(missing) == len(texts), f"{where}: {name} is written, but not in {', '.join(missing)}")
    return texts


def delete_demo_hubs(hubs):
    TransportHub.objects.filter(slug__in=[hub["slug"] for hub in hubs]).delete()


def write_hubs(writer, hubs):
    """Write the hubs and their sources, saving only what differs; returns {slug: hub}."""
    regions = {region.slug: region for region in Region.objects.all()}
    written = {}
    for hub in hubs:
        region = None
        if hub["region"] is not None:
            region = regions.get(hub["region"])
            if region is None:
                raise CommandError(f"hub {hub['slug']}: county {hub['region']!r} is missing; load the counties first.")
        saved, created, changed = writer.write(TransportHub, {"slug": hub["slug"]}, {**hub["values"], "region": region})
        sources = [source_with_date(writer, address, published_on) for address, published_on in hub["sources"]]
        changed |= writer.set_m2m(saved.sources, sources)
        writer.count(created, changed)
        written[hub["slug"]] = saved
    return written


def source_with_date(writer, address, published_on):
    """The source of a page address, with the date the CSV gives it when it gives a full one."""
    source = writer.source_for_address(address)
    if published_on is not None and source.published_on != published_on:
        source, _created, _changed = writer.write(type(source), {"key": source.key}, {"published_on": published_on})
    return source
