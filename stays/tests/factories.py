from listings.models import Status
from listings.tests.factories import make_region, unique_slug
from stays.models import Stay, StayKind, StayPhoto


def make_stay(region=None, **fields):
    region = region or make_region()
    slug = fields.pop("slug", None) or unique_slug("stay")
    defaults = {
        "name_zh_hans": f"住宿{slug}",
        "name_en": f"Stay {slug}",
        "summary_en": "Rooms by the river.",
        "kind": StayKind.HOTEL,
        "latitude": region.latitude + 0.02,
        "longitude": region.longitude + 0.02,
        "status": Status.PUBLISHED,
    }
    defaults.update(fields)
    return Stay.objects.create(slug=slug, region=region, **defaults)


def make_stay_photo(stay, image, **fields):
    texts = {"alt_text_zh_hans": "酒店门前", "alt_text_en": "The hotel's entrance"}
    return StayPhoto.objects.create(stay=stay, image=image, **{**texts, **fields})
