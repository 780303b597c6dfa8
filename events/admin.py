from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from corridor_portal import clock
from editorial.admin import SOURCES_HELP, ListingAdmin, MissingLanguageFilter, searchable_in_every_language

from .models import Event


class ComingOrPastFilter(admin.SimpleListFilter):
    title = _("coming or past")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("coming", _("Coming or yearly")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        today = clock.today()
        if self.value() == "coming":
            return queryset.coming(today)
        if self.value() == "past":
            return queryset.past(today)
        return queryset


@admin.register(Event)
class EventAdmin(ListingAdmin):
    readonly_fields = (*ListingAdmin.readonly_fields, "confidence")
    list_display = (
        "name",
        "kind",
        "region",
        "starts_on",
        "ends_on",
        "usual_month_start",
        "recurrence",
        "last_held_on",
        "status",
        "languages",
        "updated_at",
    )
    list_display_links = ("name",)
    list_filter = (MissingLanguageFilter, ComingOrPastFilter, "status", "kind", "recurrence", "region")
    list_select_related = ("region",)
    search_fields = [*searchable_in_every_language("name"), "slug"]
    autocomplete_fields = ("region", "attraction", "village", "sources")
    date_hierarchy = "starts_on"
    # An organiser's address typed without its scheme is taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ("name", "slug", "kind", "status")}),
        (_("Texts"), {"fields": ("summary", "description", "written_in")}),
        (
            _("When"),
            {
                "fields": (
                    "recurrence",
                    ("starts_on", "ends_on"),
                    ("start_time", "end_time"),
                    ("usual_month_start", "usual_month_end"),
                    ("first_year", "last_held_on"),
                ),
                "description": _(
                    "Give the dates once they are announced. Until then a yearly event shows its usual months "
                    "(“usually in May; dates not yet announced”); when its dates have passed it shows them again. "
                    "An event whose recurrence is not confirmed shows the months of its past editions but is not "
                    "listed under any month, and no event without dates gets a calendar file. An event whose latest "
                    "edition is more than two years old is marked “may no longer take place” and left out of “this "
                    "month”. A one-off event whose dates have passed stays on the site, marked as past."
                ),
            },
        ),
        (
            _("Where"),
            {
                "fields": ("attraction", "village", "region", "area"),
                "description": _("An attraction or a village, or only the county; the county follows the place."),
            },
        ),
        (_("Price and organiser"), {"fields": ("price", "organiser", "organiser_url")}),
        (
            _("Sources"),
            {
                "fields": ("sources", "confidence"),
                "description": SOURCES_HELP,
            },
        ),
        (_("Record"), {"fields": ("first_published_at", "created_at", "updated_at"), "classes": ("collapse",)}),
    ]
