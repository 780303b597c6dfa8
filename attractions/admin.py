from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from corridor_portal.admin import MissingLanguageFilter, PhotoInline, PublishableAdmin, searchable_in_every_language

from .models import Attraction, AttractionPhoto


class AttractionPhotoInline(PhotoInline):
    model = AttractionPhoto


@admin.register(Attraction)
class AttractionAdmin(PublishableAdmin):
    list_display = (
        "photo",
        "name",
        "region",
        "category",
        "a_level",
        "status",
        "languages",
        "position_is_approximate",
        "updated_at",
    )
    list_display_links = ("photo", "name")
    list_filter = (MissingLanguageFilter, "status", "region", "category", "a_level", "position_is_approximate")
    list_select_related = ("region",)
    search_fields = [*searchable_in_every_language("name"), "slug"]
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("sources",)
    inlines = [AttractionPhotoInline]
    fieldsets = [
        (None, {"fields": ("name", "slug", "category", "region", "status")}),
        (_("Texts"), {"fields": ("summary", "description")}),
        (
            _("Practical facts"),
            {"fields": ("a_level", "best_seasons", "opening_hours", "ticket_price", "address", "contact")},
        ),
        (_("Position"), {"fields": ("latitude", "longitude", "position_is_approximate")}),
        (_("Sources"), {"fields": ("sources", "confidence")}),
        (_("Record"), {"fields": ("first_published_at", "created_at", "updated_at"), "classes": ("collapse",)}),
    ]
