from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from corridor_portal.admin import MissingLanguageFilter, PhotoInline, PublishableAdmin, searchable_in_every_language

from .models import Route, RouteDay, RoutePhoto, RouteStop


class RouteDayInline(TranslationTabularInline):
    model = RouteDay
    extra = 0
    fields = ("number", "title", "overnight", "description", "stops_link")
    readonly_fields = ("stops_link",)

    @admin.display(description=_("stops"))
    def stops_link(self, day):
        if not day.pk:
            return _("Save the day first, then add its stops.")
        url = reverse("admin:routes_routeday_change", args=[day.pk])
        return format_html('<a href="{}">{}</a>', url, _("Edit the stops of this day"))


class RoutePhotoInline(PhotoInline):
    model = RoutePhoto


@admin.register(Route)
class RouteAdmin(PublishableAdmin):
    list_display = (
        "photo",
        "title",
        "duration_days",
        "transport",
        "start_region",
        "end_region",
        "status",
        "languages",
        "updated_at",
    )
    list_display_links = ("photo", "title")
    list_filter = (MissingLanguageFilter, "status", "duration_days", "transport", "start_region")
    list_select_related = ("start_region", "end_region")
    search_fields = [*searchable_in_every_language("title"), "slug"]
    prepopulated_fields = {"slug": ("title_en",)}
    inlines = [RouteDayInline, RoutePhotoInline]
    fieldsets = [
        (None, {"fields": ("title", "slug", "status")}),
        (_("Texts"), {"fields": ("summary", "description")}),
        (
            _("The trip"),
            {
                "fields": (
                    "duration_days",
                    "themes",
                    "best_seasons",
                    "transport",
                    "price_from",
                    "start_region",
                    "end_region",
                )
            },
        ),
        (_("Record"), {"fields": ("first_published_at", "created_at", "updated_at"), "classes": ("collapse",)}),
    ]


class RouteStopInline(TranslationTabularInline):
    model = RouteStop
    extra = 1
    fields = ("position", "attraction", "village", "note", "suggested_minutes", "road_km_from_previous")
    autocomplete_fields = ("attraction", "village")


@admin.register(RouteDay)
class RouteDayAdmin(TabbedTranslationAdmin):
    """Where a day's ordered stops are edited; reached from its Border Tour."""

    list_display = ("route", "number", "title", "overnight")
    list_select_related = ("route",)
    list_filter = ("route",)
    search_fields = [*searchable_in_every_language("title"), "route__slug"]
    autocomplete_fields = ("route",)
    inlines = [RouteStopInline]
