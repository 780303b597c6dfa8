from listings.models import Status
from listings.tests.factories import make_region, unique_slug
from villages.models import Culture, Village


def make_village(region=None, **fields):
    region = region or make_region()
    slug = fields.pop("slug", None) or unique_slug("village")
    defaults = {
        "name_zh_hans": f"村{slug}",
        "name_en": f"Village {slug}",
        "culture": Culture.KOREAN,
        "latitude": region.latitude - 0.01,
        "longitude": region.longitude - 0.01,
        "status": Status.PUBLISHED,
    }
    defaults.update(fields)
    return Village.objects.create(slug=slug, region=region, **defaults)
