"""Drawn stand-ins for photos: a published listing without a photo gets an illustration, credited as one.

The credit marks what this module made, so `--force` redraws those and never touches a real photo.
"""

from django.core.files.base import ContentFile
from django.db import transaction

from attractions.models import Attraction
from photos import illustrations
from routes.models import Route
from villages.models import Village

# Content, not interface: written into the photo's translated fields like an editor's text.
CREDIT = {
    "zh_hans": "为演示生成的插图",
    "en": "Illustration generated for the demo",
    "ko": "데모용으로 생성한 그림",
    "ru": "Иллюстрация, созданная для демонстрации",
}
ALT_PREFIX = {"zh_hans": "插图：", "en": "Illustration: ", "ko": "그림: ", "ru": "Иллюстрация: "}
ALT_SUFFIX = {"zh_hans": "的风景", "en": ", a landscape", "ko": " 풍경", "ru": ", пейзаж"}

# (model, its name field)
LISTINGS = [(Attraction, "name"), (Village, "name"), (Route, "title")]


def illustrate_listings(model, name_field, force=False):
    """Illustrate each published listing of a kind that has no photo; returns how many were drawn."""
    made = 0
    for listing in model.objects.published():
        with transaction.atomic():
            if force:
                listing.photos.filter(credit_en=CREDIT["en"]).delete()
            if listing.photos.exists():
                continue
            illustrate(listing, name_field)
            made += 1
    return made


def illustrate(listing, name_field):
    names = {code: getattr(listing, f"{name_field}_{code}") or "" for code in CREDIT}
    english = names["en"] or listing.slug.replace("-", " ").title()
    palette, snowy = illustrations.palette_for(listing)
    jpeg = illustrations.illustration_jpeg(listing.slug, names["zh_hans"], english, palette, snowy)
    texts = {}
    for code in CREDIT:
        # A language without the name gets no alt text of its own: the page shows the English one, marked as such,
        # rather than an English name inside a Korean or Russian sentence.
        name = names[code] or {"zh_hans": names["zh_hans"], "en": english}.get(code)
        if name:
            texts[f"alt_text_{code}"] = f"{ALT_PREFIX[code]}{name}{ALT_SUFFIX[code]}"
        texts[f"credit_{code}"] = CREDIT[code]
    listing.photos.create(image=ContentFile(jpeg, name=f"{listing.slug}-illustration.jpg"), position=0, **texts)
