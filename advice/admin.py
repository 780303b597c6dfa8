from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from corridor_portal import clock
from editorial.admin import ListingAdmin, MissingLanguageFilter, searchable_in_every_language
from listings.dating import FactAge

from .models import TravelRule


class RuleAgeFilter(admin.SimpleListFilter):
    """Rules to check (`?age=to-check`): older than twelve months, undated or ended; or only the ended ones."""

    title = _("age")
    parameter_name = "age"

    def lookups(self, request, model_admin):
        return [
            ("to-check", _("To check: older than 12 months, undated or ended")),
            ("ended", _("Ended")),
        ]

    def queryset(self, request, queryset):
        today = clock.today()
        if self.value() == "to-check":
            return queryset.to_check(today)
        if self.value() == "ended":
            return queryset.filter(valid_until__lt=today)
        return queryset


@admin.register(TravelRule)
class TravelRuleAdmin(ListingAdmin):
    """The rules of the "Before you go" page: corridor-wide, edited like border-area notes."""

    county_field = None  # a rule belongs to no county: the role's permissions decide who edits it

    list_display = ("short_text", "topic", "valid_until", "verified_on", "age", "status", "languages", "updated_at")
    list_display_links = ("short_text",)
    list_filter = (RuleAgeFilter, MissingLanguageFilter, "status", "topic", "confidence")
    search_fields = [*searchable_in_every_language("text", "places"), "term_zh", "key", "phone_numbers"]
    autocomplete_fields = ("sources",)
    fieldsets = [
        (None, {"fields": ("topic", "key", "term_zh", "text", "written_in", "status", "position")}),
        (_("Where and for whom"), {"fields": ("applies_to", "places", "phone_numbers")}),
        (
            _("Dates and sources"),
            {
                "fields": ("valid_from", "valid_until", "verified_on", "verified_year_only", "sources", "confidence"),
                "description": _(
                    "The page flags a rule whose newest source is more than twelve months old, and shows a rule "
                    "as ended the day after its “in force until” date."
                ),
            },
        ),
        (_("Record"), {"fields": ("first_published_at", "created_at", "updated_at"), "classes": ("collapse",)}),
    ]

    @admin.display(description=_("rule"))
    def short_text(self, rule):
        return Truncator(rule.text).chars(80)

    @admin.display(description=_("today"))
    def age(self, rule):
        return FactAge(rule.age_on(clock.today())).label
