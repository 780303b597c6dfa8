from attractions.models import Attraction, AttractionPhoto
from listings.models import Status, Theme
from listings.tests.factories import make_region, unique_slug


def make_attraction(region=None, **fields):
    region = region or make_region()
    slug = fields.pop("slug", None) or unique_slug("attraction")
    defaults = {
        "name_zh_hans": f"景点{slug}",
        "name_en": f"Attraction {slug}",
        "summary_en": "A place worth the drive.",
        "category": Theme.NATURAL,
        "latitude": region.latitude + 0.01,
        "longitude": region.longitude + 0.01,
        "status": Status.PUBLISHED,
    }
    defaults.update(fields)
    return Attraction.objects.create(slug=slug, region=region, **defaults)


def make_attraction_photo(attraction, image, **fields):
    texts = {"alt_text_zh_hans": "雪中的木屋", "alt_text_en": "Houses in snow"}
    return AttractionPhoto.objects.create(attraction=attraction, image=image, **{**texts, **fields})
