from hubs.models import HubKind, TransportHub
from listings.models import Status
from listings.tests.factories import unique_slug


def make_hub(**fields):
    """A published hub; without latitude and longitude its position is unknown."""
    slug = fields.pop("slug", None) or unique_slug("hub")
    defaults = {
        "name_zh_hans": f"枢纽{slug}",
        "name_en": f"Hub {slug}",
        "kind": HubKind.HIGH_SPEED_RAIL,
        "status": Status.PUBLISHED,
        "written_in": "en",
    }
    defaults.update(fields)
    return TransportHub.objects.create(slug=slug, **defaults)
