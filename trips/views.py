"""My trip: the page a trip's address renders (with or without JavaScript), its GPX and iCalendar files, and what
makes the portal an installable web app that opens a saved trip offline (manifest, service worker, offline page).

Nothing about a visitor is stored here: the trip is in the address (and on the device, static/js/trip.js).
"""

import datetime
import functools
import hashlib
import json
from pathlib import Path
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

import icalendar
from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from corridor_portal import clock
from corridor_portal.cache import code_version
from corridor_portal.ratelimit import RateLimitMixin
from events.ical import PRODID, vevent
from events.templatetags.events import schedule_text
from routes.gpx import gpx_document, gpx_element

from .items import MAX_DAYS, items_param, parse_items
from .trip import Trip


class StartDateForm(forms.Form):
    """The optional first day of the trip: the days get dates, and the calendar file an entry per day."""

    start = forms.DateField(
        label=gettext_lazy("First day of the trip"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start is not None and not datetime.date(2000, 1, 1) <= start <= datetime.date(2100, 12, 31):
            raise forms.ValidationError(_("Give a date between the years 2000 and 2100."))
        return start


class TripMixin:
    def load_trip(self):
        self.trip = Trip.load(parse_items(self.request.GET.get("items", "")))
        self.start_form = StartDateForm(self.request.GET if self.request.GET.get("start") else None)
        self.start = self.start_form.cleaned_data["start"] if self.start_form.is_valid() else None
        return self.trip

    def trip_address(self, viewname, refs=None, absolute=False):
        refs = self.trip.known_refs if refs is None else refs
        query = {"items": items_param(refs)} if refs else {}
        if self.start:
            query["start"] = self.start.isoformat()
        url = reverse(viewname) + (f"?{urlencode(query, safe=':,@')}" if query else "")
        return self.request.build_absolute_uri(url) if absolute else url

    def day_date(self, number):
        return self.start + datetime.timedelta(days=number - 1) if self.start else None


class TripView(TripMixin, TemplateView):
    template_name = "trips/trip.html"

    def get_context_data(self, **kwargs):
        trip = self.load_trip()
        days = trip.days
        for day in days:
            day.date = self.day_date(day.number)
            for entry in day.entries:
                entry.controls = self.controls(entry)
                if entry.is_event:
                    entry.when_text = schedule_text(entry.listing, entry.listing.when(clock.today()))
        return super().get_context_data(
            trip=trip,
            days=days,
            items=items_param(trip.known_refs),
            share_url=self.trip_address("trips:trip", absolute=True) if trip.entries else "",
            gpx_url=self.trip_address("trips:gpx"),
            ics_url=self.trip_address("trips:ics"),
            start_form=self.start_form,
            start=self.start,
            has_events=any(entry.is_event for entry in trip.entries),
            **kwargs,
        )

    def controls(self, entry):
        """Links that change the trip (move within the day, to another day, remove): the page's own address with
        other items, so they work without JavaScript; trip.js also keeps the device's copy in step."""
        refs = self.trip.known_refs
        index = refs.index(entry.ref)
        ref = entry.ref
        controls = {"remove": refs[:index] + refs[index + 1 :]}
        if index > 0 and refs[index - 1].day == ref.day:
            controls["up"] = [*refs[: index - 1], ref, refs[index - 1], *refs[index + 1 :]]
        if index + 1 < len(refs) and refs[index + 1].day == ref.day:
            controls["down"] = [*refs[:index], refs[index + 1], ref, *refs[index + 2 :]]
        if ref.day > 1:
            controls["earlier"] = moved_to_day(refs, index, ref.day - 1)
        if ref.day < MAX_DAYS:
            controls["later"] = moved_to_day(refs, index, ref.day + 1)
        return {
            name: {"url": self.trip_address("trips:trip", changed), "items": items_param(changed)}
            for name, changed in controls.items()
        }


def moved_to_day(refs, index, day):
    """The trip with item `index` moved to `day`: last of an earlier day, first of a later one."""
    moved = type(refs[index])(refs[index].kind, refs[index].slug, day)
    others = refs[:index] + refs[index + 1 :]
    if day < refs[index].day:
        position = max((i + 1 for i, ref in enumerate(others) if ref.day <= day), default=0)
    else:
        position = next((i for i, ref in enumerate(others) if ref.day >= day), len(others))
    return [*others[:position], moved, *others[position:]]


class TripGpxView(RateLimitMixin, TripMixin, View):
    """The trip as GPX 1.1: a waypoint per saved item with an exact position, and each saved Border Tour's stops as
    a route. Stand-in positions are left out and named in the description (a navigation app would lead to the
    county seat as if the place were there)."""

    rate_limit_group = "download"

    def get(self, request, *args, **kwargs):
        trip = self.load_trip()
        element = gpx_element
        gpx, metadata = gpx_document(_("My trip on the G331"))
        left_out = [entry.name for entry in trip.entries if entry.position and entry.position.is_approximate]
        if left_out:
            text = _("Not in this file, as their exact position is not known: %(places)s.")
            element(metadata, "desc", text % {"places": ", ".join(left_out)})
        link = element(metadata, "link", href=self.trip_address("trips:trip", absolute=True))
        element(link, "text", _("My trip on the G331"))
        for entry in trip.entries:
            if entry.position is None or entry.position.is_approximate:
                continue
            waypoint = element(gpx, "wpt", lat=f"{entry.position.latitude:.6f}", lon=f"{entry.position.longitude:.6f}")
            element(waypoint, "name", entry.name)
            element(waypoint, "desc", _("Day %(number)s") % {"number": entry.ref.day})
            element(waypoint, "link", href=request.build_absolute_uri(entry.listing.get_absolute_url()))
            element(waypoint, "type", _("Day %(number)s") % {"number": entry.ref.day})
        for entry in trip.entries:
            if not entry.is_route:
                continue
            rte = element(gpx, "rte")
            element(rte, "name", entry.name)
            for index, stop in enumerate(entry.listing.itinerary().stops, start=1):
                if stop.place.position_is_approximate:
                    continue
                point = element(rte, "rtept", lat=f"{stop.place.latitude:.6f}", lon=f"{stop.place.longitude:.6f}")
                element(point, "name", f"{index}. {stop.place.name}")
        body = ET.tostring(gpx, encoding="utf-8", xml_declaration=True)
        response = HttpResponse(body, content_type="application/gpx+xml; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="g331-trip.gpx"'
        return response


class TripIcsView(RateLimitMixin, TripMixin, View):
    """The trip's calendar: the saved events on their announced dates, and, once the visitor gives the first day,
    an all-day entry per day of the trip naming what is planned for it."""

    rate_limit_group = "download"

    def get(self, request, *args, **kwargs):
        trip = self.load_trip()
        calendar = icalendar.Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", _("My trip on the G331"))
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        today = clock.today()
        for entry in trip.entries:
            if entry.is_event and (component := vevent(entry.listing, request, today)) is not None:
                calendar.add_component(component)
        host = request.get_host().split(":")[0]
        trip_url = self.trip_address("trips:trip", absolute=True)
        for day in trip.days if self.start else []:
            component = icalendar.Event()
            date = self.day_date(day.number)
            # The same trip and first day give the same entries: a calendar importing the file again updates them.
            trip_id = hashlib.sha256(f"{items_param(trip.known_refs)}|{self.start}".encode()).hexdigest()[:20]
            component.add("uid", f"trip-{trip_id}-day-{day.number}@{host}")
            component.add("dtstamp", clock.now().astimezone(datetime.UTC))
            component.add(
                "summary",
                _("Day %(number)s: %(title)s")
                % {
                    "number": day.number,
                    "title": ", ".join(entry.name for entry in day.entries),
                },
            )
            component.add("dtstart", date)
            component.add("dtend", date + datetime.timedelta(days=1))
            component.add("transp", "TRANSPARENT")
            component.add("url", trip_url)
            calendar.add_component(component)
        calendar.add_missing_timezones()
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="g331-trip.ics"'
        return response


class OfflineView(TemplateView):
    """What a page the device has not kept shows without a connection (the service worker keeps one per language)."""

    template_name = "trips/offline.html"


class ManifestView(View):
    """The web app manifest, named in the page's language: the portal can be installed on a phone's home screen."""

    def get(self, request, *args, **kwargs):
        manifest = {
            "name": _("G331 Border Corridor: Jilin Border Tours"),
            "short_name": _("G331 Border Tours"),
            "description": _("Attractions, border villages and Border Tours along the G331 in Jilin, with your trip."),
            "lang": get_language(),
            "start_url": reverse("home"),
            "scope": "/",
            "id": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": THEME_COLOUR,
            "icons": [
                {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
                for size in (192, 512)
            ],
        }
        return HttpResponse(
            json.dumps(manifest, ensure_ascii=False), content_type="application/manifest+json; charset=utf-8"
        )


THEME_COLOUR = "#1d2a30"


@functools.cache
def service_worker_source():
    return (Path(settings.BASE_DIR) / "static" / "js" / "sw.js").read_text(encoding="utf-8")


def service_worker_settings():
    """What the service worker needs from the server: its cache version (the code version, so a deploy starts new
    caches and drops the old ones), the pages it keeps at install, and where pictures and static files live."""
    pages = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            pages.append({"prefix": reverse("home"), "offline": reverse("offline"), "trip": reverse("trips:trip")})
    static_files = [
        "css/site.css",
        "css/trip.css",
        "js/trip.js",
        "js/header.js",
        "js/map.js",
        "js/share.js",
        "img/favicon.svg",
    ]
    return {
        "version": code_version(),
        "pages": pages,
        "precache": [
            *(static(name) for name in static_files),
            *(page[key] for page in pages for key in ("offline", "trip")),
        ],
        "static": settings.STATIC_URL,
        "media": settings.MEDIA_URL,
    }


class ServiceWorkerView(View):
    """static/js/sw.js at the site's root, so it may look after every page (Service-Worker-Allowed: /), with its
    settings written in front; never cached, so a deploy reaches every device on its next visit."""

    def get(self, request, *args, **kwargs):
        source = f"self.CORRIDOR = {json.dumps(service_worker_settings())};\n{service_worker_source()}"
        response = HttpResponse(source, content_type="text/javascript; charset=utf-8")
        response["Service-Worker-Allowed"] = "/"
        response["Cache-Control"] = "no-cache"
        return response
