from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from corridor_portal import clock
from editorial.admin import (
    DatedFactInline,
    DatedFactListAdmin,
    ListingAdmin,
    MissingLanguageFilter,
    searchable_in_every_language,
)

from .models import BorderNote, CrossingRule, PortFact, PortOfEntry, StatusCheck


class BorderNoteInline(TranslationStackedInline):
    """The border-area notes of one listing, edited on its page (attractions, villages, tours, ports)."""

    model = BorderNote
    extra = 0
    fields = ("kind", "text", "status", "position")
    verbose_name = _("border-area note")
    verbose_name_plural = _("border-area notes (shown prominently on the page and in print)")


class CrossingRuleInline(TranslationStackedInline):
    """The rules for crossing at a port, each with the dates a source gives; past its end date a rule shows as
    ended by itself."""

    model = CrossingRule
    extra = 0
    fields = ("text", "valid_from", "valid_from_precision", "valid_until", "sources", "position")
    autocomplete_fields = ("sources",)
    verbose_name = _("rule for crossing")
    verbose_name_plural = _("rules for crossing (shown as ended after their end date)")


class StatusCheckFilter(admin.SimpleListFilter):
    """Lets staff find the ports whose crossing status needs checking again."""

    title = _("status check")
    parameter_name = "status_check"

    def lookups(self, request, model_admin):
        return StatusCheck.choices

    def queryset(self, request, queryset):
        if self.value() in StatusCheck.values:
            return queryset.with_status_check(clock.today()).filter(status_check=self.value())
        return queryset


class PortFactInline(DatedFactInline):
    model = PortFact


@admin.register(PortOfEntry)
class PortOfEntryAdmin(ListingAdmin):
    list_display = (
        "name",
        "region",
        "across_country",
        "tourist_crossing",
        "status_verified_on",
        "status_is_current",
        "status",
        "languages",
        "updated_at",
    )
    list_display_links = ("name",)
    list_filter = (
        MissingLanguageFilter,
        StatusCheckFilter,
        "status",
        "tourist_crossing",
        "across_country",
        "region",
        "position_is_approximate",
    )
    list_select_related = ("region",)
    search_fields = [*searchable_in_every_language("name"), "slug"]
    autocomplete_fields = ("sources", "viewing_attractions")
    inlines = [CrossingRuleInline, BorderNoteInline, PortFactInline]
    readonly_fields = (*ListingAdmin.readonly_fields, "confidence", "crossing_confidence")
    fieldsets = [
        (None, {"fields": ("name", "slug", "kinds", "region", "corridor_order", "status")}),
        (_("Across the border"), {"fields": ("across_country", "across_town")}),
        (
            _("Can tourists cross now?"),
            {
                "fields": ("tourist_crossing", "status_verified_on", "status_verified_precision", "status_note"),
                "description": _(
                    "Give the date of the newest source for the status. After 12 months the status is "
                    "flagged as possibly out of date, to visitors and in this list."
                ),
            },
        ),
        (
            _("For the traveller"),
            {"fields": ("destinations", "who_may_cross", "who_may_cross_confirmed", "documents")},
        ),
        (_("Without crossing"), {"fields": ("viewing", "viewing_attractions")}),
        (_("Texts"), {"fields": ("summary", "description", "written_in")}),
        (_("Position"), {"fields": ("latitude", "longitude", "position_is_approximate")}),
        (
            _("Sources"),
            {
                "fields": ("sources", "confidence", "crossing_confidence"),
                "description": _(
                    "Visitors see each source's own confidence, derived from its kind and date (edit the source). "
                    "The two grades below come from the fact sheets and cannot be typed in here."
                ),
            },
        ),
        (_("Record"), {"fields": ("first_published_at", "created_at", "updated_at"), "classes": ("collapse",)}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_status_check(clock.today())

    @admin.display(description=_("status checked within 12 months"), boolean=True, ordering="status_verified_on")
    def status_is_current(self, port):
        if port.status_check == StatusCheck.UNVERIFIED:
            return None
        return port.status_check == StatusCheck.CURRENT


class NoteTargetFilter(admin.SimpleListFilter):
    title = _("attached to")
    parameter_name = "target"
    targets = {
        "region": _("a whole county"),
        "attraction": _("an attraction"),
        "village": _("a village"),
        "route": _("a Border Tour"),
        "port": _("a port of entry"),
    }

    def lookups(self, request, model_admin):
        return list(self.targets.items())

    def queryset(self, request, queryset):
        if self.value() in self.targets:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


@admin.register(BorderNote)
class BorderNoteAdmin(ListingAdmin):
    """All border-area notes; a note on a whole county is set here."""

    list_display = ("short_text", "kind", "attached_to", "status", "languages", "updated_at")
    list_display_links = ("short_text",)
    list_filter = (MissingLanguageFilter, "status", "kind", NoteTargetFilter, "region")
    list_select_related = ("region", "attraction", "village", "route", "port")
    search_fields = searchable_in_every_language("text")
    autocomplete_fields = ("region", "attraction", "village", "route", "port")
    fieldsets = [
        (None, {"fields": ("kind", "text", "written_in", "status", "position")}),
        (
            _("Attached to (choose exactly one)"),
            {
                "fields": ("region", "attraction", "village", "route", "port"),
                "description": _("A note on a whole county shows on every attraction, village and port of it."),
            },
        ),
        (_("Record"), {"fields": ("first_published_at", "created_at", "updated_at"), "classes": ("collapse",)}),
    ]

    @admin.display(description=_("note"))
    def short_text(self, note):
        return Truncator(note.text).chars(80)

    @admin.display(description=_("attached to"))
    def attached_to(self, note):
        if note.is_for_whole_county:
            return _("All of %(county)s") % {"county": note.region}
        return note.target


@admin.register(PortFact)
class PortFactAdmin(DatedFactListAdmin):
    """Every port's practical facts, to find those out of date (the dashboard's figures open it)."""

    listing_field = "port"
