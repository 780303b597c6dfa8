from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from corridor_portal.admin import MissingLanguageFilter, PhotoInline, PublishableAdmin, searchable_in_every_language

from .models import Festival, Village, VillagePhoto


class FestivalInline(TranslationTabularInline):
    model = Festival
    extra = 0


class VillagePhotoInline(PhotoInline):
    model = VillagePhoto


@admin.register(Village)
class VillageAdmin(PublishableAdmin):
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
        "updated_at",
    )
    list_display_links = ("photo", "name")
    list_filter = (MissingLanguageFilter, "status", "region", "culture", "position_is_approximate")
    list_select_related = ("region",)
    search_fields = [*searchable_in_every_language("name", "town"), "slug"]
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("sources",)
    inlines = [FestivalInline, VillagePhotoInline]
    fieldsets = [
        (None, {"fields": ("name", "slug", "region", "town", "status")}),
        (_("People and hospitality"), {"fields": ("culture", "culture_note", "homestays", "beds", "specialties")}),
        (_("Texts"), {"fields": ("summary", "description")}),
        (_("Position"), {"fields": ("latitude", "longitude", "position_is_approximate")}),
        (_("Sources"), {"fields": ("sources", "confidence")}),
        (_("Record"), {"fields": ("first_published_at", "created_at", "updated_at"), "classes": ("collapse",)}),
    ]
