import datetime

from listings.models import Status
from listings.tests.factories import make_region, unique_slug
from ports.models import BorderNote, Country, Crossing, DatePrecision, NoteKind, PortKind, PortOfEntry


def make_port(region=None, **fields):
    region = region or make_region()
    slug = fields.pop("slug", None) or unique_slug("port")
    defaults = {
        "name_zh_hans": f"口岸{slug}",
        "name_en": f"Port {slug}",
        "kinds": [PortKind.ROAD],
        "across_town_en": "Namyang",
        "across_country": Country.NORTH_KOREA,
        "tourist_crossing": Crossing.SUSPENDED,
        "status_verified_on": datetime.date(2025, 3, 1),
        "status_verified_precision": DatePrecision.MONTH,
        "latitude": region.latitude + 0.02,
        "longitude": region.longitude + 0.02,
        "status": Status.PUBLISHED,
    }
    defaults.update(fields)
    return PortOfEntry.objects.create(slug=slug, region=region, **defaults)


def make_note(text_en="Carry your passport.", **fields):
    """A published note; pass exactly one of region, attraction, village, route, port."""
    defaults = {
        "kind": NoteKind.DOCUMENTS,
        "text_zh_hans": f"请携带护照。{unique_slug('n')}",
        "text_en": text_en,
        "status": Status.PUBLISHED,
    }
    defaults.update(fields)
    return BorderNote.objects.create(**defaults)
