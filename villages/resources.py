from editorial.imports import PlaceResource
from listings.i18n import localized_columns

from .models import Village


class VillageResource(PlaceResource):
    """A village per row; `slug` finds the one to update, a new slug adds a draft."""

    class Meta(PlaceResource.Meta):
        model = Village
        fields = (
            "slug",
            *localized_columns("name"),  # the name in every language
            "region",
            "town_zh_hans",
            "culture",
            "culture_note_zh_hans",
            "homestays",
            "beds",
            "latitude",
            "longitude",
            "position_is_approximate",
            "specialties_zh_hans",
            "summary_zh_hans",
            "summary_en",
            "confidence",
            "status",
        )
        export_order = fields
