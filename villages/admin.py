from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from editorial.admin import (
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

from .models import FESTIVAL_MONTH_MESSAGE, Festival, Village, VillageFact, VillagePhoto
from .resources import VillageResource


class FestivalInline(TranslationTabularInline):
    model = Festival
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "month":
            # A month outside the list says which months exist, not just "not one of the choices".
            kwargs["error_messages"] = {"invalid_choice": FESTIVAL_MONTH_MESSAGE}
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class VillagePhotoInline(PhotoInline):
    model = VillagePhoto


class VillageFactInline(DatedFactInline):
    model = VillageFact


@admin.register(Village)
class VillageAdmin(SpreadsheetAdmin, ListingAdmin):
    readonly_fields = (*ListingAdmin.readonly_fields, "confidence")
    list_display = (
        "photo",
        "name",
        "region",
        "town",
        "culture",
        "homestays",
        "beds",
        "status",
        "languages",
        "last_change",
    )
    list_display_links = ("photo", "name")
    list_filter = (
        MissingLanguageFilter,
        "status",
        "region",
        "culture",
        "position_is_approximate",
        MissingPhotoFilter,
        NoSourceFilter,
        FactsToCheckFilter,
    )
    list_select_related = ("region",)
    search_fields = [*searchable_in_every_language("name", "town"), "slug", "search_pinyin"]
    resource_classes = [VillageResource]
    autocomplete_fields = ("sources",)
    inlines = [FestivalInline, VillagePhotoInline, VillageFactInline]
    fieldsets = [
        (None, {"fields": ("name", "slug", "region", "town", "status")}),
        (_("People and hospitality"), {"fields": ("culture", "culture_note", "homestays", "beds", "specialties")}),
        (_("Texts"), {"fields": ("summary", "description", "written_in")}),
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


@admin.register(VillagePhoto)
class VillagePhotoAdmin(PhotoAdmin):
    county_field = "village__region"
    list_display = ("thumbnail", "alt_text", "village", "credit")
    list_select_related = ("village",)
    search_fields = [*searchable_in_every_language("alt_text"), "village__slug"]
    autocomplete_fields = ("village",)


@admin.register(VillageFact)
class VillageFactAdmin(DatedFactListAdmin):
    """Every village's practical facts, to find those out of date (the dashboard's figures open it)."""

    listing_field = "village"
