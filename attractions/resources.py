from import_export import fields

from editorial.imports import ChoicesWidget, PlaceResource
from listings.i18n import localized_columns
from listings.models import Season

from .models import Attraction


class AttractionResource(PlaceResource):
    """An attraction per row; `slug` finds the one to update, a new slug adds a draft."""

    best_seasons = fields.Field(
        attribute="best_seasons", column_name="best_seasons", widget=ChoicesWidget(Season.choices)
    )

    class Meta(PlaceResource.Meta):
        model = Attraction
        fields = (
            "slug",
            *localized_columns("name"),  # the name in every language
            "region",
            "category",
            "a_level",
            "latitude",
            "longitude",
            "position_is_approximate",
            "ticket_price",
            "best_seasons",
            "opening_hours_zh_hans",
            "address_zh_hans",
            "contact",
            "summary_zh_hans",
            "summary_en",
            "confidence",
            "status",
        )
        export_order = fields
