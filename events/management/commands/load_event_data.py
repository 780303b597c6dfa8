"""Load the events of `events/demo_data/events.csv` (festivals, folk celebrations, winter and sports events).

Run after `load_demo_data` (events need its counties, attractions and villages). Idempotent like it:
without options it does nothing once any event exists; `--update` makes the demo events match the
files again (saving only what differs); `--reset` deletes the demo events and loads them again.

The csv gives months and the last edition seen, never the next edition's dates: a yearly event is
loaded with its usual months ("dates not yet announced"), and a one-off event with the date it was
held (it is then past). Where events-sources.md says yearly editions are only assumed, events.json
marks the recurrence as not confirmed. A blank cell stays empty. See events/demo_data/README.md.
"""

import csv
import datetime
import json
from collections import Counter
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import translation

from attractions.models import Attraction
from corridor_portal.demo_sources import address_key, split_addresses
from corridor_portal.management.commands.load_demo_data import DEFAULT_LANGUAGE, split_summary, translated
from corridor_portal.management.commands.load_demo_data import Command as DemoDataCommand
from events.models import Event, EventKind, Recurrence
from listings.models import Confidence, Region, Source, Status
from villages.models import Village

DATA_DIR = Path(__file__).resolve().parents[2] / "demo_data"
ALREADY_LOADED = "Events already loaded; nothing changed (use --update or --reset)."


def fail(message):
    raise CommandError(f"Event data in {DATA_DIR}: {message}")


def check(condition, message):
    if not condition:
        fail(message)


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
        fail(f"{where}: {value!r} is not a date")


def read_events():
    """The csv rows joined by id to their editorial additions, all checked before anything is written."""
    with open(DATA_DIR / "events.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    editorial = {entry["id"]: entry for entry in json.loads((DATA_DIR / "events.json").read_text("utf-8"))["events"]}
    check(len(editorial) == len(rows), "events.json and events.csv list different events")
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
                    **translated("name", row["name_zh"].strip(), row["name_en"].strip()),
                    **translated("summary", "", summary),
                    **translated("description", "", rest),
                    **translated("area", extra.get("area_zh_hans", ""), extra.get("area_en", "")),
                },
            }
        )
    slugs = [event["slug"] for event in events]
    check(len(slugs) == len(set(slugs)), "events.json repeats a slug")
    return events


class Command(DemoDataCommand):
    help = (
        "Load the demo events from events/demo_data/ (after load_demo_data). Does nothing once any event exists, "
        "unless --update (re-apply the files over the demo events) or --reset (delete and reload them)."
    )

    def handle(self, *args, **options):
        reset, update = options["reset"], options["update"]
        if not (reset or update) and Event.objects.exists():
            self.stdout.write(ALREADY_LOADED)
            return
        events = read_events()
        self.tally = Counter()
        with translation.override(DEFAULT_LANGUAGE), transaction.atomic():
            if reset:
                Event.objects.filter(slug__in=[event["slug"] for event in events]).delete()
            for event in events:
                self.write_event(event)
        self.stdout.write(
            f"Events: {len(events)} events (created {self.tally['created']}, updated {self.tally['updated']}, "
            f"unchanged {self.tally['unchanged']})."
        )

    def related(self, model, slug, where):
        if not slug:
            return None
        obj = model.objects.filter(slug=slug).first()
        if obj is None:
            raise CommandError(f"{where}: {model._meta.verbose_name} {slug!r} is missing; run load_demo_data first.")
        return obj

    def write_event(self, event):
        where = f"event {event['slug']}"
        values = {
            **event["values"],
            "region": self.related(Region, event["region"], where),
            "attraction": self.related(Attraction, event["attraction"], where),
            "village": self.related(Village, event["village"], where),
        }
        obj, created, changed = self.write(Event, {"slug": event["slug"]}, values)
        sources = {self.write(Source, {"key": address_key(a)}, {"citation": a})[0].pk for a in event["addresses"]}
        if set(obj.sources.values_list("pk", flat=True)) != sources:
            obj.sources.set(sources)
            changed = True
        self.count(created, changed)
