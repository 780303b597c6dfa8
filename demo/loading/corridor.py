"""Write the corridor's demo data (read by `corridor_files.py`): counties, sources, attractions, villages and the
demo Border Tours with their days and stops.

Fields the files say nothing about (ticket price, opening hours, address, contact, homestays, beds, specialties,
photos, festivals) are left empty on creation and never touched afterwards.
"""

from django.core.management.base import CommandError

from attractions.models import Attraction
from demo.loading.common import set_plain_columns
from demo.loading.hubs import delete_demo_hubs, write_hubs
from listings.i18n import localized_columns
from listings.models import Region, Source
from routes.models import Route, RouteDay, RouteStop
from villages.models import Village

ALREADY_LOADED = "Demo data already loaded; nothing changed (use --reset to reload)."

# A tour's days and stops as comparable tuples: the file's version and the database's.
DAY_TEXTS = ("title", "description", "overnight")


def is_loaded():
    """Whether the database holds any county: then a plain load changes nothing."""
    return Region.objects.exists()


def write_demo_data(data, writer):
    """Write every row of the files (a `DemoData`), saving only what differs."""
    regions = {row.lookup["slug"]: writer.write_counted(Region, row.lookup, row.values) for row in data.regions}
    sources = {row.lookup["key"]: writer.write_counted(Source, row.lookup, row.values) for row in data.sources}
    attractions = {
        row.lookup["slug"]: write_place(writer, Attraction, row, regions, sources) for row in data.attractions
    }
    villages = {row.lookup["slug"]: write_place(writer, Village, row, regions, sources) for row in data.villages}
    hubs = write_hubs(writer, data.hubs)
    for tour in data.tours:
        write_tour(writer, tour, regions, attractions, villages, hubs)


def delete_demo_rows(data):
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
    delete_demo_hubs(data.hubs)
    Region.objects.filter(
        slug__in=data.region_slugs,
        attraction__isnull=True,
        village__isnull=True,
        transport_hubs__isnull=True,
        routes_starting__isnull=True,
        routes_ending__isnull=True,
        stay__isnull=True,  # an editor's own place to stay keeps its county
    ).delete()
    Source.objects.filter(key__in=data.source_keys, attraction__isnull=True, village__isnull=True).delete()


def write_place(writer, model, row, regions, sources):
    values = {**row.values, "region": regions[row.values["region"]]}
    obj, created, changed = writer.write(model, row.lookup, values)
    changed |= writer.set_m2m(obj.sources, [sources[key] for key in row.m2m["sources"]])
    writer.count(created, changed)
    return obj


def write_tour(writer, tour, regions, attractions, villages, hubs):
    values = {
        "duration_days": tour["duration_days"],
        "themes": tour["themes"],
        "best_seasons": tour["best_seasons"],
        "transport": tour["transport"],
        "price_from": tour["price_from"],
        "status": tour["status"],
        "start_region": regions[tour["start_region"]],
        "end_region": regions[tour["end_region"]],
        "written_in": tour["written_in"],
        **tour["texts"]["title"],
        **tour["texts"]["summary"],
        **tour["texts"]["description"],
        "start_hub": hubs[tour["start_hub"]] if tour.get("start_hub") else None,
    }
    lookup = {"slug": tour["slug"]}
    route, created, changed = writer.write(Route, lookup, values)
    wanted = itinerary_from_file(tour, attractions, villages)
    if created or itinerary_in_database(route) != wanted:
        # Days and stops have no key of their own: rebuild them all when anything differs.
        route.days.all().delete()
        for day_values, stops in wanted:
            day = RouteDay(route=route, **dict(day_values))
            set_plain_columns(day, dict(day_values))
            writer.validate(day, {**lookup, "day": day.number})
            day.save()
            for stop_values in stops:
                stop = RouteStop(day=day, **dict(stop_values))
                set_plain_columns(stop, dict(stop_values))
                writer.validate(stop, {**lookup, "day": day.number})
                stop.save()
        changed = True
    writer.count(created, changed)
    return route


def itinerary_from_file(tour, attractions, villages):
    days = []
    for day in tour["days"]:
        day_values = [("number", day["number"])]
        for name in DAY_TEXTS:
            day_values += [(column, day["texts"][name][column]) for column in localized_columns(name)]
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
                    *((column, stop["texts"][column]) for column in localized_columns("note")),
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
            day_values += [(column, text(getattr(day, column))) for column in localized_columns(name)]
        stops = [
            (
                ("position", stop.position),
                ("attraction_id", stop.attraction_id),
                ("village_id", stop.village_id),
                ("suggested_minutes", stop.suggested_minutes),
                ("road_km_from_previous", stop.road_km_from_previous),
                *((column, text(getattr(stop, column))) for column in localized_columns("note")),
            )
            for stop in sorted(day.stops.all(), key=lambda stop: (stop.position, stop.id))
        ]
        days.append((tuple(day_values), tuple(stops)))
    return days
