"""Read, check and write the 12 ports of entry of `demo/data/ports/` with their tourist facts and border-area
notes (see its README.md). They need the corridor's counties, sources and attractions loaded first.

A blank cell stays empty (unknown); nothing is filled in by guessing. The rules for crossing come from
travel-rules.csv (the rows ports.json names for each port) with the dates they start and end; the kinds and
dates of the ports' sources from source-kinds.csv (a source it does not list stays "other", so low confidence).
"""

import datetime
import re

from django.core.management.base import CommandError

from attractions.models import Attraction
from demo.loading.common import DATA_ROOT, DataCheck, read_csv, read_json, translated
from demo.loading.corridor_files import read_translations as read_corridor_translations
from demo.loading.sources import address_key, split_addresses
from listings.models import Confidence, Region, Source, SourceKind, Status
from ports.models import (
    BorderNote,
    Country,
    Crossing,
    CrossingRule,
    DatePrecision,
    NoteKind,
    PortKind,
    PortOfEntry,
)

DATA_DIR = DATA_ROOT / "ports"
# ports.csv writes a river crossing by boat (or on the ice) as "water".
KINDS = {"road": PortKind.ROAD, "rail": PortKind.RAIL, "water": PortKind.RIVER, "river": PortKind.RIVER}
COUNTRIES = {"DPRK": Country.NORTH_KOREA, "Russia": Country.RUSSIA}
ACROSS = re.compile(r"^(?P<town>.*?)\s*\((?P<country>DPRK|Russia)\)$")
ALREADY_LOADED = "Ports already loaded; nothing changed (use --update or --reset)."
# The texts of the csvs are English; translations.json holds the team's translations into these languages.
TRANSLATED_INTO = ("zh_hans", "ko", "ru")
# The port's translated texts: the column of the csv each one translates (ports.csv, then ports-tourism.csv).
PORT_TEXTS = {
    "summary": "notes",
    "status_note": "status_note",
    "destinations": "destinations",
    "who_may_cross": "third_country_nationals",
    "documents": "documents",
    "viewing": "viewing_without_crossing",
}

check = DataCheck("Port data", DATA_DIR)


def is_loaded():
    """Whether the database holds any port: then a plain load changes nothing."""
    return PortOfEntry.objects.exists()


# Reading --------------------------------------------------------------------------------------


def parse_across(value, where):
    """("Manpo, Chagang", "kp") from "Manpo, Chagang (DPRK)"; a bare "DPRK" gives no town."""
    value = value.strip()
    if value in COUNTRIES:
        return "", COUNTRIES[value]
    match = ACROSS.match(value)
    check(match is not None, f"{where}: cannot read the country across from {value!r}")
    return match["town"], COUNTRIES[match["country"]]


def parse_status_date(value, where):
    """(date, precision) from "2025-03" (a month) or "2025-03-14"; (None, day) when blank."""
    value = value.strip()
    if not value:
        return None, DatePrecision.DAY
    try:
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return datetime.date.fromisoformat(f"{value}-01"), DatePrecision.MONTH
        return datetime.date.fromisoformat(value), DatePrecision.DAY
    except ValueError:
        check.fail(f"{where}: {value!r} is not a date")


def parse_rule_date(value):
    """(date, precision) from the first date in a travel-rules.csv cell: "2025-02-20 (briefly)", "2023-08",
    "suspended 2025-03-05"; (None, day) when the cell gives none."""
    match = re.search(r"\d{4}-\d{2}(?:-\d{2})?", value)
    if match is None:
        return None, DatePrecision.DAY
    return parse_status_date(match.group(), f"travel-rules.csv date {value!r}")


def read_translations():
    """The team's translations (translations.json): ports by name_en, rules by id, notes by (port, kind)."""
    data = read_json(DATA_DIR / "translations.json")
    return (
        {entry["name_en"]: entry for entry in data["ports"]},
        {entry["id"]: entry for entry in data["rules"]},
        {(entry["port"], entry["kind"]): entry for entry in data["notes"]},
    )


def translated_text(name, english, entry, where):
    """The four language columns of a text: the csv's English and the team's translations, which must exist
    exactly where the English does (a blank stays blank in every language)."""
    english = english.strip()
    others = {language: entry.get(f"{name}_{language}", "").strip() for language in TRANSLATED_INTO}
    for language, text in others.items():
        check(
            bool(text) == bool(english), f"{where}: {name}_{language} in translations.json does not match the English"
        )
    return translated(name, others["zh_hans"], english, others["ko"], others["ru"])


def read_rules(rule_translations=None):
    """The rows of travel-rules.csv by id, as the values of a CrossingRule and its source addresses."""
    rule_translations = rule_translations or {}
    rules = {}
    for row in read_csv(DATA_DIR / "travel-rules.csv"):
        where = f"travel-rules.csv rule {row['id']}"
        valid_from, from_precision = parse_rule_date(row["valid_from"])
        valid_until, until_precision = parse_rule_date(row["valid_until"])
        check(until_precision == DatePrecision.DAY, f"{where}: an end date must name the day")
        check(not (valid_from and valid_until) or valid_from <= valid_until, f"{where}: ends before it starts")
        rule_id = int(row["id"])
        if rule_id in rule_translations:
            text = translated_text("text", row["rule_en"], rule_translations[rule_id], f"{where} (translations.json)")
        else:  # a rule no port shows: not translated
            text = translated("text", "", row["rule_en"].strip())
        rules[rule_id] = {
            "addresses": split_addresses(row["sources"]),
            "translated": rule_id in rule_translations,
            "values": {
                "valid_from": valid_from,
                "valid_from_precision": from_precision.value,
                "valid_until": valid_until,
                **text,
            },
        }
    return rules


def read_source_kinds():
    """{source key: (kind, published_on)} from source-kinds.csv; a row names an S-key or a page address."""
    kinds = {}
    for row in read_csv(DATA_DIR / "source-kinds.csv"):
        where = f"source-kinds.csv {row['source']}"
        check(row["kind"] in SourceKind.values, f"{where}: unknown kind {row['kind']!r}")
        published_on, _ = parse_status_date(row["published_on"], where)
        source = row["source"].strip()
        key = source if re.fullmatch(r"S\d+", source) else address_key(source)
        kinds[key] = {"kind": row["kind"], "published_on": published_on}
    return kinds


def read_ports():
    """Rows of ports.csv and ports-tourism.csv joined by name, with their editorial additions; checked first."""
    ports = read_csv(DATA_DIR / "ports.csv")
    tourism = {row["name_en"]: row for row in read_csv(DATA_DIR / "ports-tourism.csv")}
    extra = read_json(DATA_DIR / "ports.json")
    editorial = {entry["name_en"]: entry for entry in extra["ports"]}
    check(len(tourism) == len(ports), "ports-tourism.csv and ports.csv list different ports")
    county_to_region = read_corridor_translations()["county_to_region"]
    port_translations, rule_translations, note_translations = read_translations()
    rules = read_rules(rule_translations)
    rows = []
    for order, row in enumerate(ports, start=1):
        name = row["name_en"]
        where = f"ports.csv row {order} ({name})"
        check(name in tourism, f"{where}: not in ports-tourism.csv")
        check(name in editorial, f"{where}: not in ports.json")
        check(row["county"] in county_to_region, f"{where}: unknown county {row['county']!r}")
        facts, text = tourism[name], editorial[name]
        kinds = [part.strip() for part in row["kind"].split(";") if part.strip()]
        check(all(kind in KINDS for kind in kinds), f"{where}: unknown kind in {row['kind']!r}")
        check(facts["tourist_crossing"] in Crossing.values, f"{where}: unknown status {facts['tourist_crossing']!r}")
        check(row["confidence"] in Confidence.values, f"{where}: unknown confidence {row['confidence']!r}")
        check(facts["confidence"] in Confidence.values, f"{where}: unknown confidence in ports-tourism.csv")
        lat, lon = row["lat"].strip(), row["lon"].strip()
        check(bool(lat) == bool(lon), f"{where}: latitude and longitude must be given together")
        town, country = parse_across(row["connects_to"], where)
        verified_on, precision = parse_status_date(facts["status_as_of"], where)
        keys = [key.strip() for key in row["sources"].split(";") if key.strip()]
        check(keys, f"{where}: no source")
        check(all(rule in rules for rule in text["rules"]), f"{where}: ports.json names a rule not in travel-rules.csv")
        check(
            all(rules[rule]["translated"] for rule in text["rules"]), f"{where}: a rule has no translations.json entry"
        )
        check(name in port_translations, f"{where}: not in translations.json")
        words = port_translations[name]
        check(
            all(words[f"name_{language}"].strip() for language in ("ko", "ru")), f"{where}: no Korean or Russian name"
        )
        rows.append(
            {
                "slug": text["slug"],
                "region": county_to_region[row["county"]],
                "position": (float(lat), float(lon)) if lat else None,
                "source_keys": keys,
                "addresses": split_addresses(facts["sources"]),
                "viewing_attractions": text["viewing_attractions"],
                "rules": [rules[rule] for rule in text["rules"]],
                "values": {
                    "status": Status.PUBLISHED,
                    "corridor_order": order,
                    "kinds": list(dict.fromkeys(KINDS[kind].value for kind in kinds)),
                    "across_country": country.value,
                    "tourist_crossing": facts["tourist_crossing"],
                    "status_verified_on": verified_on,
                    "status_verified_precision": precision.value,
                    "confidence": row["confidence"],
                    "crossing_confidence": facts["confidence"],
                    # No source confirms who may cross today at any port: a "yes" stays qualified.
                    "who_may_cross_confirmed": False,
                    # The csvs' texts are English; the other languages are the team's translations.
                    "written_in": "en",
                    **translated("name", text["name_zh_hans"], name, words["name_ko"], words["name_ru"]),
                    **translated_text("across_town", town, words, where),
                    **{
                        key: value
                        for field, column in PORT_TEXTS.items()
                        for key, value in translated_text(field, {**row, **facts}[column], words, where).items()
                    },
                },
            }
        )
    slugs = [row["slug"] for row in rows]
    check(len(slugs) == len(set(slugs)), "ports.json repeats a slug")
    notes = extra.get("notes", [])
    for note in notes:
        check(note["port"] in slugs, f"ports.json note for unknown port {note['port']!r}")
        check(note["kind"] in NoteKind.values, f"ports.json note: unknown kind {note['kind']!r}")
        check(note["text_zh_hans"].strip(), "ports.json note without Chinese text")
        words = note_translations.get((note["port"], note["kind"]), {})
        check(
            words.get("text_ko") and words.get("text_ru"),
            f"ports.json note of {note['port']}: not in translations.json",
        )
        note.update(text_ko=words["text_ko"], text_ru=words["text_ru"])
    return rows, notes


# Writing --------------------------------------------------------------------------------------


def delete_demo_ports(rows):
    """Delete the demo ports (their notes and rules go with them)."""
    PortOfEntry.objects.filter(slug__in=[row["slug"] for row in rows]).delete()


def write_ports(writer, rows, notes):
    """Write the ports, their notes, and the kinds and dates of their sources, saving only what differs."""
    regions = {region.slug: region for region in Region.objects.all()}
    ports = {row["slug"]: write_port(writer, row, regions) for row in rows}
    for note in notes:
        write_note(writer, note, ports)
    write_source_kinds(writer, read_source_kinds())


def write_port(writer, row, regions):
    where = f"port {row['slug']}"
    region = regions.get(row["region"])
    if region is None:
        raise CommandError(f"{where}: county {row['region']!r} is missing; run load_demo_data first.")
    if row["position"]:
        position = {"latitude": row["position"][0], "longitude": row["position"][1]}
        position["position_is_approximate"] = False
    else:  # no source gives it: the county seat stands in, marked approximate
        position = {"latitude": region.latitude, "longitude": region.longitude, "position_is_approximate": True}
    port, created, changed = writer.write(
        PortOfEntry, {"slug": row["slug"]}, {**row["values"], **position, "region": region}
    )
    changed |= writer.set_m2m(port.sources, sources_for(writer, row, where))
    viewpoints = list(Attraction.objects.filter(slug__in=row["viewing_attractions"]))
    if len(viewpoints) != len(row["viewing_attractions"]):
        raise CommandError(f"{where}: an attraction of ports.json is missing; run load_demo_data first.")
    changed |= writer.set_m2m(port.viewing_attractions, viewpoints)
    changed |= write_rules(writer, port, row["rules"])
    writer.count(created, changed)
    return port


def write_rules(writer, port, rules):
    """The port's rules for crossing, in the order ports.json names them; returns whether any changed."""
    changed = port.rules.filter(position__gte=len(rules)).delete()[0] > 0
    for position, rule in enumerate(rules):
        saved, created, rule_changed = writer.write(CrossingRule, {"port": port, "position": position}, rule["values"])
        sources = [writer.source_for_address(address) for address in rule["addresses"]]
        sources_changed = writer.set_m2m(saved.sources, sources)
        changed |= created or rule_changed or sources_changed
    return changed


def write_source_kinds(writer, kinds):
    """The kind and date of each listed source that exists (the rest keep theirs: "other" when new)."""
    for source in Source.objects.filter(key__in=kinds):
        writer.write(Source, {"key": source.key}, kinds[source.key])


def sources_for(writer, row, where):
    known = {source.key: source for source in Source.objects.filter(key__in=row["source_keys"])}
    missing = [key for key in row["source_keys"] if key not in known]
    if missing:
        raise CommandError(f"{where}: sources {', '.join(missing)} are missing; run load_demo_data first.")
    sources = [known[key] for key in row["source_keys"]]
    for address in row["addresses"]:
        sources.append(writer.source_for_address(address))
    return sources


def write_note(writer, note, ports):
    values = {
        "status": Status.PUBLISHED,
        "written_in": "en",  # restates an English text of ports-tourism.csv
        **translated("text", note["text_zh_hans"], note["text_en"], note["text_ko"], note["text_ru"]),
    }
    writer.write_counted(BorderNote, {"port": ports[note["port"]], "kind": note["kind"], "position": 0}, values)
