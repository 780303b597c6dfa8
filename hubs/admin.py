from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from corridor_portal import clock
from editorial.admin import SOURCES_HELP, ListingAdmin, MissingLanguageFilter, searchable_in_every_language

from .models import TransportHub


class PositionKnownFilter(admin.SimpleListFilter):
    """Finds the hubs still waiting for a source that gives their position."""

    title = _("position")
    parameter_name = "position"

    def lookups(self, request, model_admin):
        return [("known", _("known")), ("unknown", _("unknown: no source gives it"))]

    def queryset(self, request, queryset):
        if self.value() == "known":
            return queryset.with_known_position()
        if self.value() == "unknown":
            return queryset.filter(latitude__isnull=True)
        return queryset


@admin.register(TransportHub)
class TransportHubAdmin(ListingAdmin):
    """The airports and stations of the getting-there page. They serve the whole corridor: edited by province
    editors, like the ports (county editors do not see them)."""

    county_field = None
    list_display = ("name", "kind", "region", "has_position", "verified_on", "is_current", "status", "languages")
    list_display_links = ("name",)
    list_filter = (MissingLanguageFilter, "status", "kind", PositionKnownFilter, "region")
    list_select_related = ("region",)
    search_fields = [*searchable_in_every_language("name"), "slug", "iata_code", "icao_code"]
    autocomplete_fields = ("sources",)
    readonly_fields = (*ListingAdmin.readonly_fields, "confidence", "confidence_reason")
    fieldsets = [
        (None, {"fields": ("name", "slug", "kind", "iata_code", "icao_code", "status")}),
        (_("Where"), {"fields": ("region", "serves", "prefecture")}),
        (
            _("Position"),
            {
                "fields": ("latitude", "longitude", "position_note"),
                "description": _(
                    "Only a position a source prints. Without one the hub is listed as “position unknown”: it is "
                    "on no map and no distance is given from it."
                ),
            },
        ),
        (
            _("Lines and status"),
            {
                "fields": (
                    "lines",
                    "opening_year",
                    "opening_note",
                    "status_note",
                    "conflicts_note",
                    "verified_on",
                    "verified_precision",
                ),
                "description": _(
                    "Give the date of the newest source for the lines and status. After 12 months they are "
                    "flagged to visitors as possibly out of date."
                ),
            },
        ),
        (_("Texts"), {"fields": ("summary", "written_in")}),
        (_("Sources"), {"fields": ("sources", "confidence", "confidence_reason"), "description": SOURCES_HELP}),
        (_("Record"), {"fields": ("first_published_at", "created_at", "updated_at"), "classes": ("collapse",)}),
    ]

    def has_position_picker(self):
        # The picker draws the corridor's bounds and places a marker; a hub's position is typed from its source
        # only, and may lie off the corridor (Changchun).
        return False

    @admin.display(description=_("position known"), boolean=True, ordering="latitude")
    def has_position(self, hub):
        return hub.has_position

    @admin.display(description=_("verified within 12 months"), boolean=True, ordering="verified_on")
    def is_current(self, hub):
        if hub.verified_on is None:
            return None
        return not hub.is_stale_on(clock.today())
