from listings.models import Status, Theme
from listings.tests.factories import make_region, unique_slug
from routes.models import Route, RouteDay, RouteStop, Transport


def make_route(days=(), **fields):
    """A route; `days` is a list of lists of places (attractions or villages), one list per day."""
    slug = fields.pop("slug", None) or unique_slug("route")
    start = fields.pop("start_region", None) or make_region("jian")
    end = fields.pop("end_region", None) or make_region("hunchun")
    defaults = {
        "title_zh_hans": f"线路{slug}",
        "title_en": f"Tour {slug}",
        "duration_days": max(len(days), 1),
        "themes": [Theme.BORDER],
        "transport": Transport.SELF_DRIVE,
        "status": Status.PUBLISHED,
    }
    defaults.update(fields)
    route = Route.objects.create(slug=slug, start_region=start, end_region=end, **defaults)
    for number, places in enumerate(days, start=1):
        titles = {"title_zh_hans": f"第{number}天", "title_en": f"Day {number}"}
        day = RouteDay.objects.create(route=route, number=number, **titles)
        for position, place in enumerate(places):
            kind = "village" if place._meta.model_name == "village" else "attraction"
            RouteStop.objects.create(day=day, position=position, **{kind: place})
    return route
