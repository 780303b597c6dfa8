"""Schema.org descriptions of the pages as JSON-LD: plain dicts built here, escaped once when rendered.

Everything is in the page's language (a missing translation falls back as on the page itself) and every
address is absolute, built from the request by the caller. Each kind of listing picks the description of its
pages here when it registers (listings.kinds: `structured_data=`, `schema_type=`).
"""

import json
import re

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext

from listings import kinds
from listings.i18n import html_lang, text_and_language
from listings.models import Theme

CONTEXT = "https://schema.org"
CURRENCY = "CNY"
PROVINCE = "吉林省"
COUNTRY = "CN"

# Who each theme suits, as schema.org's touristType (free text, in the page's language).
TOURIST_TYPES = {
    Theme.NATURAL: lambda: pgettext("tourist type", "Nature lovers"),
    Theme.ETHNIC: lambda: pgettext("tourist type", "Cultural tourism"),
    Theme.HISTORICAL: lambda: pgettext("tourist type", "Heritage tourism"),
    Theme.RED: lambda: pgettext("tourist type", "Red tourism"),
    Theme.BORDER: lambda: pgettext("tourist type", "Border tourism"),
    Theme.WINTER: lambda: pgettext("tourist type", "Winter sports and snow"),
}

# "08:00-17:00" or "8:00–17:30": daily hours schema.org can read; anything else stays free text.
DAILY_HOURS = re.compile(r"^\s*(\d{1,2}:\d{2})\s*[-–—~至到]\s*(\d{1,2}:\d{2})\s*$")
PHONE = re.compile(r"^\+?[\d\s()\-]{5,}$")
ALL_WEEK = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# The characters that could end a <script> element or start a comment, written as JSON escapes
# (what django.utils.html.json_script does): the data can never break out of its element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def render(data):
    """`data` as a <script type="application/ld+json"> element, safe whatever the texts contain."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text.translate(JSON_SCRIPT_ESCAPES)))  # noqa: S308


def text(obj, field):
    return text_and_language(obj, field)[0]


def price(value):
    """A decimal price as schema.org wants it: a number in a string with a dot, no trailing zeros."""
    return f"{value.normalize():f}" if value is not None else None


def compact(data):
    """The dict without empty values, so no property says nothing."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def geo(place):
    """The place's coordinates; None (so no `geo` at all) when its position is a stand-in, its county seat."""
    if place.position_is_approximate:
        return None
    return {"@type": "GeoCoordinates", "latitude": place.latitude, "longitude": place.longitude}


def address(place, street=""):
    return compact(
        {
            "@type": "PostalAddress",
            "streetAddress": street,
            "addressLocality": text(place.region, "name"),
            "addressRegion": PROVINCE,
            "addressCountry": COUNTRY,
        }
    )


def place_reference(place, absolute):
    """A short description of an attraction or village, as a stop of a tour or a part of a village."""
    return compact(
        {
            "@type": kinds.kind_of(place).schema_type,
            "name": text(place, "name"),
            "url": absolute(place.get_absolute_url()),
            "geo": geo(place),
        }
    )


def image_list(listing, absolute, preview_url):
    """The share image first (exactly 1200 × 630), then the photos' largest JPEG renditions."""
    images = [preview_url] if preview_url else []
    for photo in listing.photos.all():
        if photo.renditions:
            images.append(absolute(photo.rendition_url(photo.renditions[-1][0], "jpg")))
    return images


def opening_hours(attraction):
    hours = text(attraction, "opening_hours")
    if not hours:
        return {}
    match = DAILY_HOURS.match(hours)
    if match:
        opens, closes = (value.zfill(5) for value in match.groups())
        spec = {"@type": "OpeningHoursSpecification", "dayOfWeek": ALL_WEEK, "opens": opens, "closes": closes}
        return {"openingHoursSpecification": [spec]}
    # Free text ("May–October 8:00–17:00, closed Mondays"): said as it is, for people and machines.
    return {"additionalProperty": [{"@type": "PropertyValue", "name": gettext("Opening hours"), "value": hours}]}


def attraction(attraction, context, absolute, preview_url=""):
    """A TouristAttraction: where it is, when and for how much it can be visited, and for whom."""
    data = {
        "@context": CONTEXT,
        "@type": "TouristAttraction",
        "name": text(attraction, "name"),
        "description": text(attraction, "summary") or text(attraction, "description"),
        "url": absolute(attraction.get_absolute_url()),
        "image": image_list(attraction, absolute, preview_url),
        "geo": geo(attraction),
        "address": address(attraction, text(attraction, "address")),
        "touristType": TOURIST_TYPES[attraction.category]() if attraction.category in TOURIST_TYPES else "",
        "telephone": attraction.contact if PHONE.match(attraction.contact) else "",
    }
    if attraction.ticket_price is not None:
        data["isAccessibleForFree"] = attraction.is_free
        if not attraction.is_free:
            # Place has no `offers`: the ticket price is a property of the place.
            data.setdefault("additionalProperty", []).append(
                {
                    "@type": "PropertyValue",
                    "propertyID": "ticketPrice",
                    "name": gettext("Ticket"),
                    "value": float(attraction.ticket_price),
                    "unitText": CURRENCY,
                }
            )
    for key, value in opening_hours(attraction).items():
        data.setdefault(key, []).extend(value)
    return compact(data)


def village(village, context, absolute, preview_url=""):
    """A TouristDestination: the village with what it can host (homestays, beds) and its yearly festivals."""
    hosting = []
    if village.homestays is not None:
        hosting.append(
            {"@type": "LocationFeatureSpecification", "name": gettext("Homestays"), "value": village.homestays}
        )
    if village.beds is not None:
        hosting.append({"@type": "LocationFeatureSpecification", "name": gettext("Beds"), "value": village.beds})
    festivals = [
        compact(
            {
                "@type": "Event",
                "name": text(festival, "name"),
                "description": text(festival, "description"),
                "location": {"@type": "Place", "name": text(village, "name"), "address": address(village)},
                # Held every year in this month; schema.org's Schedule says so without inventing a date.
                "eventSchedule": {"@type": "Schedule", "repeatFrequency": "P1Y", "byMonth": festival.month},
            }
        )
        for festival in village.festivals.all()
    ]
    return compact(
        {
            "@context": CONTEXT,
            "@type": "TouristDestination",
            "name": text(village, "name"),
            "description": text(village, "summary") or text(village, "description"),
            "url": absolute(village.get_absolute_url()),
            "image": image_list(village, absolute, preview_url),
            "geo": geo(village),
            "address": address(village, text(village, "town")),
            "amenityFeature": hosting,
            "event": festivals,
            "touristType": TOURIST_TYPES[Theme.ETHNIC]() if village.culture in ("korean", "manchu") else "",
        }
    )


def route(route, context, absolute, preview_url=""):
    """A TouristTrip: the stops in order (all days, then day by day as sub-trips) and the price from."""
    itinerary = context.get("itinerary") or route.itinerary()

    def stop_list(stops, start=1):
        return [
            {"@type": "ListItem", "position": n, "item": place_reference(entry.place, absolute)}
            for n, entry in enumerate(stops, start=start)
        ]

    every_stop = itinerary.stops
    days = [
        compact(
            {
                "@type": "Trip",
                "name": gettext("Day %(number)s: %(title)s")
                % {"number": item.day.number, "title": text(item.day, "title")},
                "description": text(item.day, "description"),
                "itinerary": {
                    "@type": "ItemList",
                    "itemListOrder": "https://schema.org/ItemListOrderAscending",
                    "numberOfItems": len(item.stops),
                    "itemListElement": stop_list(item.stops),
                },
            }
        )
        for item in itinerary.days
    ]
    data = {
        "@context": CONTEXT,
        "@type": "TouristTrip",
        "name": text(route, "title"),
        "description": text(route, "summary") or text(route, "description"),
        "url": absolute(route.get_absolute_url()),
        "image": image_list(route, absolute, preview_url),
        "touristType": [TOURIST_TYPES[theme]() for theme in route.themes if theme in TOURIST_TYPES],
        "itinerary": {
            "@type": "ItemList",
            "itemListOrder": "https://schema.org/ItemListOrderAscending",
            "numberOfItems": len(every_stop),
            "itemListElement": stop_list(every_stop),
        },
        "subTrip": days,
    }
    if route.price_from is not None:
        data["offers"] = {
            "@type": "Offer",
            "price": price(route.price_from),
            "priceCurrency": CURRENCY,
            "priceSpecification": {
                "@type": "PriceSpecification",
                "minPrice": price(route.price_from),
                "priceCurrency": CURRENCY,
            },
            "url": absolute(route.get_absolute_url()),
        }
    return compact(data)


def breadcrumbs(trail, absolute):
    """BreadcrumbList of [(name, path), …], from the home page to the page itself."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": str(name), "item": absolute(path)}
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }


def website(name, description, home_path, search_path, language, absolute):
    """The site itself, with the search box search engines may show under it."""
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": str(name),
        "description": str(description),
        "url": absolute(home_path),
        "inLanguage": html_lang(language),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{absolute(search_path)}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
