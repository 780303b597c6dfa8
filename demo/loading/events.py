"""Read, check and write the events of `demo/data/events/` (festivals, folk celebrations, winter and sports
events; see its README.md). They need the corridor's counties, attractions and villages loaded first.

The csv gives months and the last edition seen, never the next edition's dates: a yearly event is
loaded with its usual months ("dates not yet announced"), and a one-off event with the date it was
held (it is then past). Where events-sources.md says yearly editions are only assumed, events.json
marks the recurrence as not confirmed. A blank cell stays empty.
"""

import datetime

from django.core.management.base import CommandError

from attractions.models import Attraction
from demo.loading.common import DATA_ROOT, DataCheck, read_csv, read_json, split_summary, translated
from demo.loading.sources import split_addresses
from events.models import Event, EventKind, Recurrence
from listings.models import Confidence, Region, Status
from villages.models import Village

DATA_DIR = DATA_ROOT / "events"
ALREADY_LOADED = "Events already loaded; nothing changed (use --update or --reset)."
# The languages the team translates the csv's English texts into (translations.json).
TRANSLATED_INTO = ("zh_hans", "ko", "ru")

check = DataCheck("Event data", DATA_DIR)


def is_loaded():
    """Whether the database holds any event: then a plain load changes nothing."""
    return Event.objects.exists()


def month(value, where):
    value = value.strip()
    if not value:
        return None
    check(value.isdigit() and 1 <= int(value) <= 12, f"{where}: {value!r} is not a month")
    return int(value)


def day(value, where):
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        check.fail(f"{where}: {value!r} is not a date")


def read_events():
    """The csv rows joined by id to their editorial additions, all checked before anything is written."""
    rows = read_csv(DATA_DIR / "events.csv")
    editorial = {entry["id"]: entry for entry in read_json(DATA_DIR / "events.json")["events"]}
    check(len(editorial) == len(rows), "events.json and events.csv list different events")
    translations = read_translations(rows)
    events = []
    for row in rows:
        event_id = int(row["id"])
        where = f"events.csv row {event_id}"
        check(event_id in editorial, f"{where}: not in events.json")
        extra = editorial[event_id]
        check(extra["name_en"] == row["name_en"], f"{where}: events.json names it {extra['name_en']!r}")
        check(row["kind"] in EventKind.values, f"{where}: unknown kind {row['kind']!r}")
        # The team's reading of the caveats overrides the csv's "annual" where yearly editions are only assumed.
        recurrence = extra.get("recurrence", row["recurrence"])
        check(recurrence in Recurrence.values, f"{where}: unknown recurrence {recurrence!r}")
        check(row["confidence"] in Confidence.values, f"{where}: unknown confidence {row['confidence']!r}")
        check(extra["region"] or extra.get("area_en"), f"{where}: neither a county nor a wider area")
        last_seen = day(row["last_seen_date"], where)
        once = recurrence == Recurrence.ONCE
        check(not once or last_seen, f"{where}: a one-off event needs the date it was held")
        start_month, end_month = month(row["month_start"], where), month(row["month_end"], where)
        summary, rest = split_summary(row["description_en"])
        text = translations[event_id]
        for language in TRANSLATED_INTO:
            # The translation follows the English split: a description only where the English has one.
            check(bool(text[f"description_{language}"]) == bool(rest), f"{where}: description_{language} vs English")
        first_year = row["first_year"].strip()
        events.append(
            {
                "slug": extra["slug"],
                "region": extra["region"],
                "attraction": extra.get("attraction"),
                "village": extra.get("village"),
                "addresses": split_addresses(row["sources"]),
                "values": {
                    "status": Status.PUBLISHED,
                    "kind": row["kind"],
                    "recurrence": recurrence,
                    # The csv's dates are of past editions: only a one-off event has its own date.
                    "starts_on": last_seen if once else None,
                    "usual_month_start": start_month,
                    "usual_month_end": end_month if start_month else None,
                    "first_year": int(first_year) if first_year else None,
                    "last_held_on": last_seen,
                    "confidence": row["confidence"],
                    # The csv's texts are English; the other languages are the team's translations.
                    "written_in": "en",
                    **translated(
                        "name", row["name_zh"].strip(), row["name_en"].strip(), text["name_ko"], text["name_ru"]
                    ),
                    **translated("summary", text["summary_zh_hans"], summary, text["summary_ko"], text["summary_ru"]),
                    **translated(
                        "description", text["description_zh_hans"], rest, text["description_ko"], text["description_ru"]
                    ),
                    **translated(
                        "area",
                        extra.get("area_zh_hans", ""),
                        extra.get("area_en", ""),
                        text.get("area_ko", ""),
                        text.get("area_ru", ""),
                    ),
                },
            }
        )
    slugs = [event["slug"] for event in events]
    check(len(slugs) == len(set(slugs)), "events.json repeats a slug")
    return events


def read_translations(rows):
    """{id: the team's Chinese, Korean and Russian texts} from translations.json, checked against the csv."""
    entries = {entry["id"]: entry for entry in read_json(DATA_DIR / "translations.json")["events"]}
    for row in rows:
        event_id = int(row["id"])
        where = f"translations.json event {event_id}"
        check(event_id in entries, f"{where}: missing")
        entry = entries[event_id]
        check(entry["name_en"] == row["name_en"], f"{where}: names it {entry['name_en']!r}")
        for language in TRANSLATED_INTO:
            check(entry[f"summary_{language}"].strip(), f"{where}: no summary_{language}")
        for language in ("ko", "ru"):
            check(entry[f"name_{language}"].strip(), f"{where}: no name_{language}")
    check(len(entries) == len(rows), "translations.json and events.csv list different events")
    return entries


def delete_demo_events(events):
    Event.objects.filter(slug__in=[event["slug"] for event in events]).delete()


def write_events(writer, events):
    """Write the events and their sources, saving only what differs."""
    for event in events:
        write_event(writer, event)


def related(model, slug, where):
    if not slug:
        return None
    obj = model.objects.filter(slug=slug).first()
    if obj is None:
        raise CommandError(f"{where}: {model._meta.verbose_name} {slug!r} is missing; run load_demo_data first.")
    return obj


def write_event(writer, event):
    where = f"event {event['slug']}"
    values = {
        **event["values"],
        "region": related(Region, event["region"], where),
        "attraction": related(Attraction, event["attraction"], where),
        "village": related(Village, event["village"], where),
    }
    obj, created, changed = writer.write(Event, {"slug": event["slug"]}, values)
    sources = [writer.source_for_address(address) for address in event["addresses"]]
    changed |= writer.set_m2m(obj.sources, sources)
    writer.count(created, changed)
