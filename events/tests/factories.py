from events.models import Event, EventKind, Recurrence
from listings.models import Status
from listings.tests.factories import make_region, unique_slug


def make_event(region=None, **fields):
    """A published yearly festival, by default in the region's county and usually in May."""
    slug = fields.pop("slug", None) or unique_slug("event")
    place = fields.get("attraction") or fields.get("village")
    if region is None:
        region = place.region if place else make_region()
    defaults = {
        "name_zh_hans": f"节{slug}",
        "name_en": f"Festival {slug}",
        "summary_en": "Songs, dances and food.",
        "kind": EventKind.FESTIVAL,
        "recurrence": Recurrence.ANNUAL,
        "usual_month_start": 5,
        "status": Status.PUBLISHED,
    }
    defaults.update(fields)
    return Event.objects.create(slug=slug, region=region, **defaults)


def make_one_day_event(day, region=None, **fields):
    """A published event on `day` only (not yearly): on the lists and home while coming, gone once over."""
    once = {"recurrence": Recurrence.ONCE, "usual_month_start": None, "starts_on": day, "ends_on": day}
    return make_event(region=region, **once, **fields)
