from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from editorial.admin import (
    SOURCES_HELP,
    ListingAdmin,
    MissingLanguageFilter,
    MissingPhotoFilter,
    NoSourceFilter,
    PhotoAdmin,
    PhotoInline,
    searchable_in_every_language,
)

from .models import Stay, StayPhoto


class StayPhotoInline(PhotoInline):
    model = StayPhoto


@admin.register(Stay)
class StayAdmin(ListingAdmin):
    readonly_fields = (*ListingAdmin.readonly_fields, "confidence")
    list_display = (
        "photo",
        "name",
        "region",
        "village",
        "kind",
        "beds",
        "winter_opening",
        "status",
        "languages",
        "last_change",
    )
    list_display_links = ("photo", "name")
    list_filter = (
        MissingLanguageFilter,
        "status",
        "region",
        "kind",
        "winter_opening",
        "position_is_approximate",
        MissingPhotoFilter,
        NoSourceFilter,
    )
    list_select_related = ("region", "village")
    search_fields = [*searchable_in_every_language("name"), "slug", "search_pinyin"]
    # The village list is the villages admin's, narrowed to the editor's counties like every other list.
    autocomplete_fields = ("village", "sources")
    inlines = [StayPhotoInline]
    # A booking address typed without its scheme ("booking.example.cn/…") is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ("name", "slug", "kind", "region", "village", "status")}),
        (_("Texts"), {"fields": ("summary", "description", "written_in")}),
        (
            _("Practical facts"),
            {"fields": ("beds", "rooms", "winter_opening", "languages_spoken", "phone", "booking_url", "price_note")},
        ),
        (_("Position"), {"fields": ("latitude", "longitude", "position_is_approximate", "position_note")}),
        (_("Sources"), {"fields": ("sources", "confidence"), "description": SOURCES_HELP}),
        (_("Record"), {"fields": ("first_published_at", "created_at", "updated_at"), "classes": ("collapse",)}),
    ]


@admin.register(StayPhoto)
class StayPhotoAdmin(PhotoAdmin):
    county_field = "stay__region"
    list_display = ("thumbnail", "alt_text", "stay", "credit")
    list_select_related = ("stay",)
    search_fields = [*searchable_in_every_language("alt_text"), "stay__slug"]
    autocomplete_fields = ("stay",)
