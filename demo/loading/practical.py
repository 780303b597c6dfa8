"""Read, check and write the practical facts of `demo/data/practical/` (see its README.md): the Changbai Mountain
facts as facts of the mountain's attraction, and the travel rules and road facts as the rules of the "Before
you go" page. They need the corridor's attractions loaded first.

The three CSV files are copied verbatim from the shared fact sheets; translations.json holds the team's
Chinese, Korean and Russian translations of their English texts (written_in "en"). One row of a file is one fact
or rule, every conflicting price its own row. A fact's date is that of its newest dated source; a source with
no date (or with no year) gives none, and the page says so. Nothing is guessed.
"""

import datetime
import re

from django.core.management.base import CommandError

from advice.models import RuleTopic, TravelRule
from attractions.models import Attraction, AttractionFact
from demo.loading.common import DATA_ROOT, DataCheck, read_csv, read_json
from demo.loading.sources import split_addresses
from listings.models import Confidence, FactTopic, Status

DATA_DIR = DATA_ROOT / "practical"
ALREADY_LOADED = "Rules for travellers already loaded; nothing changed (use --update or --reset)."
LANGUAGES = ("zh_hans", "ko", "ru")

check = DataCheck("Practical data", DATA_DIR)

# changbai-mountain.csv's topics (before any "(conflict)"; the first of "hours; hotline") as a page's topics.
FACT_TOPICS = {
    "gateway": FactTopic.ACCESS,
    "access": FactTopic.ACCESS,
    "winter access": FactTopic.ACCESS,
    "visit": FactTopic.ACCESS,
    "season": FactTopic.SEASON,
    "winter closure": FactTopic.CLOSURE,
    "weather closure": FactTopic.CLOSURE,
    "hours": FactTopic.HOURS,
    "ticket": FactTopic.TICKET,
    "combo ticket": FactTopic.TICKET,
    "booking": FactTopic.BOOKING,
    "capacity": FactTopic.OTHER,
    "history": FactTopic.OTHER,
}
# travel-rules.csv's topics (before any bracket) as the sections of the "Before you go" page.
RULE_TOPICS = {
    "frontier zone": RuleTopic.FRONTIER,
    "ID checks": RuleTopic.FRONTIER,
    "drones": RuleTopic.PHOTOGRAPHY,
    "photography": RuleTopic.PHOTOGRAPHY,
    "visa-free transit": RuleTopic.VISAS,
    "visa-free entry": RuleTopic.VISAS,
    "visa-free entry to Russia": RuleTopic.VISAS,
    "Hunchun port": RuleTopic.VISAS,
    "group visa-free tours": RuleTopic.TOURS,
    "North Korea tours": RuleTopic.TOURS,
    "emergency numbers": RuleTopic.EMERGENCY,
    "service hotline": RuleTopic.EMERGENCY,
    "tourism complaints": RuleTopic.EMERGENCY,
    "immigration hotline": RuleTopic.EMERGENCY,
    "payment": RuleTopic.PAYMENT,
}
DATE = re.compile(r"(?<!\d)(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?!\d)")


def is_loaded():
    return TravelRule.objects.exists()


# Reading --------------------------------------------------------------------------------------


def parse_date(text):
    """(date, year_only) of one date written 2025-04-17, 2024-11 (the first of the month) or 2019 (1 January,
    year only); None when the text holds none."""
    match = DATE.search(text)
    if match is None:
        return None
    year, month, day = match.groups()
    return datetime.date(int(year), int(month or 1), int(day or 1)), month is None


def newest_source_date(cell):
    """The newest date among a `source_dates` cell's dates (one per source, separated by " ; "), as (date,
    year_only); (None, False) when no source is dated. "undated" and "year not shown" give no date."""
    dates = []
    for part in cell.split(";"):
        part = part.strip()
        if part.startswith("undated"):  # "undated (Nov 2025)": the page itself shows no date
            continue
        found = parse_date(part)
        if found:
            dates.append(found)
    if not dates:
        return None, False
    # The most precise of the newest: a day beats its year alone.
    return max(dates, key=lambda found: (found[0].year, not found[1], found[0]))


def texts(name, english, translations):
    """The four columns of a translated field: the English of the CSV (or its rewording), the team's others."""
    values = {f"{name}_en": translations.get(f"{name}_en", english)}
    for code in LANGUAGES:
        values[f"{name}_{code}"] = translations.get(f"{name}_{code}", "")
    return values


def area_text(area_en, area_zh, translations, areas):
    """The fact's area (North, West, South, several, or the whole mountain) before its text, in each language."""
    key = area_en
    if area_en == "All" and area_zh.startswith("长白山"):
        key = "All (the mountain)"
    check(key in areas, f"unknown area {area_en!r}")
    label = areas[key]
    english = translations.get("text_en", None)
    values = {}
    for code in ("en", *LANGUAGES):
        separator = "：" if code == "zh_hans" else ": "
        text = english if code == "en" else translations.get(f"text_{code}", "")
        values[f"text_{code}"] = f"{label[code]}{separator}{text}" if text else ""
    return values


def read_changbai():
    """The Changbai Mountain facts, each as the values of an AttractionFact with its source addresses."""
    editorial = read_json(DATA_DIR / "translations.json")
    translations, areas = editorial["changbai-mountain"], editorial["areas"]
    facts = []
    for row in read_csv(DATA_DIR / "changbai-mountain.csv"):
        where = f"changbai-mountain.csv row {row['id']}"
        topic = row["topic"].replace("(conflict)", "").split(";")[0].strip()
        check(topic in FACT_TOPICS, f"{where}: unknown topic {row['topic']!r}")
        check(row["confidence"] in Confidence.values, f"{where}: unknown confidence {row['confidence']!r}")
        check(row["id"] in translations, f"{where}: no translation in translations.json")
        verified_on, year_only = newest_source_date(row["source_dates"])
        own = {**translations[row["id"]]}
        own.setdefault("text_en", row["fact_en"].strip())
        facts.append(
            {
                "position": int(row["id"]),
                "addresses": split_addresses(row["sources"]),
                "values": {
                    "topic": FACT_TOPICS[topic].value,
                    "value": row["value"].strip(),
                    "verified_on": verified_on,
                    "verified_year_only": year_only,
                    "confidence": row["confidence"],
                    "written_in": "en",
                    **area_text(row["area_en"], row["area_zh"], own, areas),
                },
            }
        )
    return editorial["changbai_attraction"], facts


def read_rules():
    """The rows of travel-rules.csv and road.csv, as the values of TravelRules with their source addresses."""
    editorial = read_json(DATA_DIR / "translations.json")
    rules = []
    for row in read_csv(DATA_DIR / "travel-rules.csv"):
        where = f"travel-rules.csv row {row['id']}"
        topic = row["topic"].split("(")[0].strip()
        check(topic in RULE_TOPICS, f"{where}: unknown topic {row['topic']!r}")
        own = editorial["travel-rules"].get(row["id"])
        check(own is not None, f"{where}: no translation in translations.json")
        valid_from = parse_date(row["valid_from"])
        valid_until = parse_date(row["valid_until"])
        check(valid_until is None or not valid_until[1], f"{where}: an end date must name the day")
        rules.append(
            rule_values(
                row,
                where,
                key=f"travel-rules-{row['id']}",
                topic=RULE_TOPICS[topic],
                term_zh=row["term_zh"].strip(),
                # A start known only by its year is left empty: no day of it is stated.
                valid_from=valid_from[0] if valid_from and not valid_from[1] else None,
                valid_until=valid_until[0] if valid_until else None,
                phone_numbers=own.get("phone_numbers", ""),
                texts={
                    **texts("text", row["rule_en"].strip(), own),
                    **texts("applies_to", row["applies_to"].strip(), own),
                    **texts("places", row["places_or_ports"].strip(), own),
                },
            )
        )
    for row in read_csv(DATA_DIR / "road.csv"):
        where = f"road.csv row {row['id']}"
        own = editorial["road"].get(row["id"])
        check(own is not None, f"{where}: no translation in translations.json")
        rules.append(
            rule_values(
                row,
                where,
                key=f"road-{row['id']}",
                topic=RuleTopic.ROAD,
                term_zh="",
                valid_from=None,
                valid_until=None,
                phone_numbers="",
                texts={
                    **texts("text", row["fact_en"].strip(), own),
                    **texts("applies_to", "", own),
                    **texts("places", row["section_en"].strip(), {"places_zh_hans": row["section_zh"].strip(), **own}),
                },
            )
        )
    keys = [rule["key"] for rule in rules]
    check(len(keys) == len(set(keys)), "a rule's key repeats")
    return rules


def rule_values(row, where, *, key, topic, term_zh, valid_from, valid_until, phone_numbers, texts):
    check(row["confidence"] in Confidence.values, f"{where}: unknown confidence {row['confidence']!r}")
    check(not (valid_from and valid_until) or valid_from <= valid_until, f"{where}: ends before it starts")
    verified_on, year_only = newest_source_date(row["source_dates"])
    return {
        "key": key,
        "addresses": split_addresses(row["sources"]),
        "values": {
            "status": Status.PUBLISHED,
            "topic": topic.value,
            "term_zh": term_zh,
            "valid_from": valid_from,
            "valid_until": valid_until,
            "verified_on": verified_on,
            "verified_year_only": year_only,
            "confidence": row["confidence"],
            "phone_numbers": phone_numbers,
            "written_in": "en",
            "position": int(row["id"]) + (100 if key.startswith("road-") else 0),
            **texts,
        },
    }


# Writing --------------------------------------------------------------------------------------


def delete_demo_rows(attraction_slug, rules):
    TravelRule.objects.filter(key__in=[rule["key"] for rule in rules]).delete()
    AttractionFact.objects.filter(attraction__slug=attraction_slug).delete()


def write_practical(writer, attraction_slug, facts, rules):
    attraction = Attraction.objects.filter(slug=attraction_slug).first()
    if attraction is None:
        raise CommandError(f"attraction {attraction_slug!r} is missing; run load_demo_data first.")
    for fact in facts:
        saved, created, changed = writer.write(
            AttractionFact, {"attraction": attraction, "position": fact["position"]}, fact["values"]
        )
        changed |= writer.set_m2m(saved.sources, [writer.source_for_address(a) for a in fact["addresses"]])
        writer.count(created, changed)
    for rule in rules:
        saved, created, changed = writer.write(TravelRule, {"key": rule["key"]}, rule["values"])
        changed |= writer.set_m2m(saved.sources, [writer.source_for_address(a) for a in rule["addresses"]])
        writer.count(created, changed)
