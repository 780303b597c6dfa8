"""A place to stay's JSON-LD: a LodgingBusiness with only what a source gives (an unknown fact is left out)."""

from django.utils.translation import gettext

from sharing.structured_data import CONTEXT, address, compact, geo, image_list, text


def stay(stay, context, absolute, preview_url=""):
    beds = None
    if stay.beds is not None:
        beds = [{"@type": "LocationFeatureSpecification", "name": gettext("Beds"), "value": stay.beds}]
    village = stay.village
    return compact(
        {
            "@context": CONTEXT,
            "@type": "LodgingBusiness",
            "name": text(stay, "name"),
            "description": text(stay, "summary") or text(stay, "description"),
            "url": absolute(stay.get_absolute_url()),
            "image": image_list(stay, absolute, preview_url),
            "geo": geo(stay),
            "address": address(stay),
            "telephone": stay.phone,
            "numberOfRooms": stay.rooms,
            "amenityFeature": beds,
            "knowsLanguage": stay.languages_spoken or None,
            "containedInPlace": compact(
                {"@type": "Place", "name": text(village, "name"), "url": absolute(village.get_absolute_url())}
            )
            if village is not None and village.is_published
            else None,
        }
    )
