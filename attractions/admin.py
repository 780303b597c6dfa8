from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin import (
    FACTS_HELP,
    SOURCES_HELP,
    DatedFactInline,
    DatedFactListAdmin,
    FactsToCheckFilter,
    ListingAdmin,
    MissingLanguageFilter,
    MissingPhotoFilter,
    NoSourceFilter,
    PhotoAdmin,
    PhotoInline,
    SpreadsheetAdmin,
    searchable_in_every_language,
)

from .models import Attraction, AttractionFact, AttractionPhoto
from .resources import AttractionResource


class AttractionPhotoInline(PhotoInline):
    model = AttractionPhoto


class AttractionFactInline(DatedFactInline):
    model = AttractionFact


@admin.register(Attraction)
class AttractionAdmin(SpreadsheetAdmin, ListingAdmin):
    readonly_fields = (*ListingAdmin.readonly_fields, "confidence")
    list_display = (
        "photo",
        "name",
        "region",
        "category",
        "a_level",
        "status",
        "languages",
        "position_is_approximate",
        "last_change",
    )
    list_display_links = ("photo", "name")
    list_filter = (
        MissingLanguageFilter,
        "status",
        "region",
        "category",
        "a_level",
        "position_is_approximate",
        MissingPhotoFilter,
        NoSourceFilter,
        FactsToCheckFilter,
    )
    list_select_related = ("region",)
    search_fields = [*searchable_in_every_language("name"), "slug", "search_pinyin"]
    resource_classes = [AttractionResource]
    autocomplete_fields = ("sources",)
    inlines = [AttractionPhotoInline, AttractionFactInline]
    fieldsets = [
        (None, {"fields": ("name", "slug", "category", "region", "status")}),
        (_("Texts"), {"fields": ("summary", "description", "written_in")}),
        (
            _("Practical facts"),
            {
                "fields": ("a_level", "best_seasons", "opening_hours", "ticket_price", "address", "contact"),
                "description": FACTS_HELP,
            },
        ),
        (_("Position"), {"fields": ("latitude", "longitude", "position_is_approximate", "position_note")}),
        (
            _("Sources"),
            {
                "fields": ("sources", "confidence"),
                "description": SOURCES_HELP,
            },
        ),
        (_("Record"), {"fields": ("first_published_at", "created_at", "updated_at"), "classes": ("collapse",)}),
    ]


@admin.register(AttractionPhoto)
class AttractionPhotoAdmin(PhotoAdmin):
    county_field = "attraction__region"
    list_display = ("thumbnail", "alt_text", "attraction", "credit")
    list_select_related = ("attraction",)
    search_fields = [*searchable_in_every_language("alt_text"), "attraction__slug"]
    autocomplete_fields = ("attraction",)


@admin.register(AttractionFact)
class AttractionFactAdmin(DatedFactListAdmin):
    """Every attraction's practical facts, to find those out of date (the dashboard's figures open it)."""

    listing_field = "attraction"
