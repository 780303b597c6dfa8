"""What the open data API says about each kind of listing: the published facts, in the language of the address.

Texts come in the language of the URL (`/api/…` Chinese, `/en/api/…`, `/ko/api/…`, `/ru/api/…`) with the
pages' fallback; `fallbacks` names the texts that are not in that language. A position is given only when it is
known: a place whose position is a stand-in has `latitude`/`longitude` null and `position_is_approximate`
true, and its county says where it is somewhere.
"""

from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from attractions.models import Attraction
from events.models import Event
from listings.i18n import text_and_language
from listings.models import Season, Theme
from ports.models import PortOfEntry
from routes.models import Route
from stays.models import Stay
from villages.models import Village


@extend_schema_field(OpenApiTypes.STR)
class TranslatedText(serializers.Field):
    """A translated field's text in the request's language or its fallback."""

    def __init__(self, field_name=None, **kwargs):
        self.field_name_in_model = field_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return text_and_language(obj, self.field_name_in_model or self.field_name)[0]


CHOICE_SCHEMA = {
    "type": "object",
    "nullable": True,
    "properties": {"value": {"type": "string"}, "label": {"type": "string"}},
}


@extend_schema_field(CHOICE_SCHEMA)
class ChoiceValue(serializers.Field):
    """A choice as {"value", "label"}: the stored value for programs, the label in the request's language."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        value = getattr(obj, self.field_name)
        if value in (None, ""):
            return None
        return {"value": value, "label": str(getattr(obj, f"get_{self.field_name}_display")())}


@extend_schema_field({"type": "array", "items": CHOICE_SCHEMA})
class ChoiceList(serializers.Field):
    """An array of choices (seasons, themes) as [{"value", "label"}]."""

    def __init__(self, choices, **kwargs):
        self.choices = dict(choices)
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return [
            {"value": value, "label": str(self.choices.get(value, value))}
            for value in getattr(obj, self.field_name) or []
        ]


class CountySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = TranslatedText("name")


class ListingSerializer(serializers.Serializer):
    """What every kind shares: its address on the site, its texts, when it changed, which texts fell back."""

    slug = serializers.CharField()
    url = serializers.SerializerMethodField()
    written_in = serializers.CharField()
    updated_at = serializers.DateTimeField()
    fallbacks = serializers.SerializerMethodField()

    translated = ()

    def get_url(self, listing) -> str:
        request = self.context.get("request")
        path = listing.get_absolute_url()
        return request.build_absolute_uri(path) if request else path

    def get_fallbacks(self, listing) -> list[str]:
        language = get_language()
        return [
            field
            for field in self.translated
            if text_and_language(listing, field)[0] and text_and_language(listing, field)[1] != language
        ]


class PlaceSerializer(ListingSerializer):
    name = TranslatedText("name")
    summary = TranslatedText("summary")
    description = TranslatedText("description")
    county = CountySerializer(source="region")
    latitude = serializers.SerializerMethodField()
    longitude = serializers.SerializerMethodField()
    position_is_approximate = serializers.BooleanField()

    translated = ("name", "summary", "description")

    def get_latitude(self, place) -> float | None:
        return None if place.position_is_approximate else place.latitude

    def get_longitude(self, place) -> float | None:
        return None if place.position_is_approximate else place.longitude


# The kinds ------------------------------------------------------------------------------------------------


class AttractionSerializer(PlaceSerializer):
    category = ChoiceValue()
    a_level = ChoiceValue()
    best_seasons = ChoiceList(Season.choices)
    ticket_price = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    opening_hours = TranslatedText("opening_hours")
    address = TranslatedText("address")
    contact = serializers.CharField()

    translated = (*PlaceSerializer.translated, "opening_hours", "address")


class VillageSerializer(PlaceSerializer):
    town = TranslatedText("town")
    culture = ChoiceValue()
    culture_note = TranslatedText("culture_note")
    homestays = serializers.IntegerField(allow_null=True)
    beds = serializers.IntegerField(allow_null=True)
    specialties = TranslatedText("specialties")

    translated = (*PlaceSerializer.translated, "town", "culture_note", "specialties")


class PortSerializer(PlaceSerializer):
    kinds = serializers.ListField(child=serializers.CharField())
    across_town = TranslatedText("across_town")
    across_country = ChoiceValue()
    tourist_crossing = ChoiceValue()
    status_verified_on = serializers.DateField(allow_null=True)
    status_note = TranslatedText("status_note")
    who_may_cross = TranslatedText("who_may_cross")
    documents = TranslatedText("documents")

    translated = (*PlaceSerializer.translated, "status_note", "who_may_cross", "documents")


class PlaceReferenceSerializer(serializers.Serializer):
    """A place another listing refers to (a tour's stop, an event's venue)."""

    kind = serializers.SerializerMethodField()
    slug = serializers.CharField()
    name = TranslatedText("name")
    url = serializers.SerializerMethodField()
    latitude = serializers.SerializerMethodField()
    longitude = serializers.SerializerMethodField()
    position_is_approximate = serializers.BooleanField()

    def get_kind(self, place) -> str:
        return place._meta.app_label

    def get_url(self, place) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(place.get_absolute_url()) if request else place.get_absolute_url()

    def get_latitude(self, place) -> float | None:
        return None if place.position_is_approximate else place.latitude

    def get_longitude(self, place) -> float | None:
        return None if place.position_is_approximate else place.longitude


class EventSerializer(ListingSerializer):
    name = TranslatedText("name")
    summary = TranslatedText("summary")
    description = TranslatedText("description")
    kind = ChoiceValue()
    recurrence = ChoiceValue()
    starts_on = serializers.DateField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    start_time = serializers.TimeField(allow_null=True)
    end_time = serializers.TimeField(allow_null=True)
    usual_month_start = serializers.IntegerField(allow_null=True)
    usual_month_end = serializers.IntegerField(allow_null=True)
    county = CountySerializer(source="region", allow_null=True)
    venue = serializers.SerializerMethodField()
    area = TranslatedText("area")
    price = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    organiser = TranslatedText("organiser")
    organiser_url = serializers.URLField()

    translated = ("name", "summary", "description", "area", "organiser")

    @extend_schema_field(PlaceReferenceSerializer(allow_null=True))
    def get_venue(self, event):
        venue = event.venue
        return PlaceReferenceSerializer(venue, context=self.context).data if venue is not None else None


class StopSerializer(serializers.Serializer):
    order = serializers.IntegerField(source="stop.position")
    place = PlaceReferenceSerializer()
    note = serializers.SerializerMethodField()
    suggested_minutes = serializers.IntegerField(source="stop.suggested_minutes", allow_null=True)
    km_from_previous = serializers.SerializerMethodField()
    km_is_road_distance = serializers.SerializerMethodField()

    def get_note(self, entry) -> str:
        return text_and_language(entry.stop, "note")[0]

    def get_km_from_previous(self, entry) -> float | None:
        leg = entry.leg_from_previous
        return leg.km if leg is not None else None

    def get_km_is_road_distance(self, entry) -> bool | None:
        leg = entry.leg_from_previous
        return leg.is_road_distance if leg is not None and leg.is_known else None


class DaySerializer(serializers.Serializer):
    number = serializers.IntegerField(source="day.number")
    title = serializers.SerializerMethodField()
    overnight = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    km_known = serializers.FloatField(source="km")
    legs_without_known_distance = serializers.IntegerField(source="unknown_legs")
    stops = StopSerializer(many=True)

    def get_title(self, entry) -> str:
        return text_and_language(entry.day, "title")[0]

    def get_overnight(self, entry) -> str:
        return text_and_language(entry.day, "overnight")[0]

    def get_description(self, entry) -> str:
        return text_and_language(entry.day, "description")[0]


class RouteSerializer(ListingSerializer):
    title = TranslatedText("title")
    summary = TranslatedText("summary")
    duration_days = serializers.IntegerField()
    themes = ChoiceList(Theme.choices)
    best_seasons = ChoiceList(Season.choices)
    transport = ChoiceValue()
    price_from = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    start_county = CountySerializer(source="start_region", allow_null=True)
    end_county = CountySerializer(source="end_region", allow_null=True)

    translated = ("title", "summary")


class RouteDetailSerializer(RouteSerializer):
    description = TranslatedText("description")
    days = serializers.SerializerMethodField()

    translated = ("title", "summary", "description")

    @extend_schema_field(DaySerializer(many=True))
    def get_days(self, route):
        return DaySerializer(route.itinerary().days, many=True, context=self.context).data


class StaySerializer(PlaceSerializer):
    kind = ChoiceValue()
    village = serializers.SerializerMethodField()
    beds = serializers.IntegerField(allow_null=True)
    rooms = serializers.IntegerField(allow_null=True)
    phone = serializers.CharField()
    booking_url = serializers.URLField()
    languages_spoken = serializers.ListField(child=serializers.CharField(), allow_null=True)
    winter_opening = ChoiceValue()
    price_note = TranslatedText("price_note")

    translated = (*PlaceSerializer.translated, "price_note")

    @extend_schema_field(PlaceReferenceSerializer(allow_null=True))
    def get_village(self, stay):
        if stay.village is None or not stay.village.is_published:
            return None
        return PlaceReferenceSerializer(stay.village, context=self.context).data


SERIALIZERS = {
    Stay: (StaySerializer, StaySerializer),
    Attraction: (AttractionSerializer, AttractionSerializer),
    Village: (VillageSerializer, VillageSerializer),
    PortOfEntry: (PortSerializer, PortSerializer),
    Event: (EventSerializer, EventSerializer),
    Route: (RouteSerializer, RouteDetailSerializer),
}
