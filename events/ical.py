"""Events as iCalendar (RFC 5545), written by the `icalendar` library.

Only announced dates become events, all-day or timed. An event known only by its usual months
("usually June to July") is left out: a month range in a calendar would read as a seven-month
happening on dates nobody announced (a single .ics of it is a 404).
"""

import datetime
import zoneinfo

import icalendar
from django.conf import settings

from listings.i18n import text_and_language

from .templatetags.events import schedule_text

PRODID = "-//G331 Border Corridor//What's on//EN"
REFRESH = datetime.timedelta(hours=12)


def ics_filename(slug):
    return f"{slug}.ics"


def vevent(event, request, today):
    """The VEVENT of one event as it stands on `today`, or None when it has no announced date."""
    schedule = event.when(today)
    if not schedule.has_announced_dates:
        return None
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@{request.get_host().split(':')[0]}")
    component.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    component.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    component.add("summary", text_and_language(event, "name")[0])
    if event.start_time is not None:
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        component.add("dtstart", datetime.datetime.combine(event.starts_on, event.start_time, tzinfo=zone))
        if event.end_time is not None:
            end_date = event.ends_on or event.starts_on
            component.add("dtend", datetime.datetime.combine(end_date, event.end_time, tzinfo=zone))
        component.add("status", "CONFIRMED")
    else:
        component.add("dtstart", event.starts_on)
        component.add("dtend", (event.ends_on or event.starts_on) + datetime.timedelta(days=1))
        component.add("status", "CONFIRMED")
        component.add("transp", "TRANSPARENT")
    url = request.build_absolute_uri(event.get_absolute_url())
    component.add("url", url)
    summary = text_and_language(event, "summary")[0]
    component.add("description", "\n\n".join(part for part in (schedule_text(event, schedule), summary, url) if part))
    place = event.place
    location = [text_and_language(place, "name")[0]] if place is not None else []
    if event.area:
        location.append(text_and_language(event, "area")[0])
    if event.venue is not None:
        location.append(text_and_language(place.region, "name")[0])
    if location:
        component.add("location", ", ".join(location))
    component.add("categories", [str(event.get_kind_display())])
    return component


def calendar_bytes(events, request, today, name, feed=False):
    """A VCALENDAR with the events that have announced dates; None when a single event has none."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if feed:
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    calendar.add("x-wr-caldesc", request.build_absolute_uri())
    components = [component for event in events if (component := vevent(event, request, today)) is not None]
    if not components and not feed:
        return None
    for component in components:
        calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()
