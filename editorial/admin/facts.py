"""The practical facts of a place (hours, tickets, booking, seasons), edited on the place's own page.

The inline belongs to the listing's admin, so a county editor reaches a fact only through a place of their own
counties (CountyScopedAdmin); what a fact's date means today is shown beside it, read from the clock.
"""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from corridor_portal import clock
from listings.dating import FactAge
from listings.models import Region, has_facts_to_check
from listings.roles import county_ids

from .scoping import CountyScopedAdmin

FACTS_HELP = _(
    "Dated facts (hours, tickets, booking, seasons) go in the “practical facts” list below, each with its sources "
    "and the date the newest source states it: after twelve months the page says it may be out of date, after its "
    "“valid until” day it is shown as ended. An opening-hours or ticket fact there replaces the plain field here "
    "on the page."
)


class FactsKeptWhenAbsentFormSet(BaseInlineFormSet):
    """A page posted without the facts' rows at all (opened before the list existed, or restored after signing in
    again) saves the rest of the page and leaves the place's facts as they are, instead of refusing everything."""

    def __init__(self, data=None, *args, **kwargs):
        prefix = kwargs.get("prefix") or self.get_default_prefix()
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            data = data.copy()
            data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
        super().__init__(data, *args, **kwargs)


class DatedFactInline(TranslationStackedInline):
    """The place's practical facts; the concrete model (AttractionFact, VillageFact) is set by the kind."""

    extra = 0
    formset = FactsKeptWhenAbsentFormSet
    fields = (
        ("topic", "value"),
        "text",
        "sources",
        ("verified_on", "verified_year_only", "valid_until", "age"),
        ("confidence", "written_in", "position"),
    )
    readonly_fields = ("age",)
    autocomplete_fields = ("sources",)
    classes = ("practical-facts",)

    @admin.display(description=_("today"))
    def age(self, fact):
        if fact.pk is None:
            return "—"
        return FactAge(fact.age_on(clock.today())).label


class FactsToCheckFilter(admin.SimpleListFilter):
    """Listings with a practical fact to check (`?facts=to-check`): older than twelve months, undated or ended,
    as counted on the dashboard."""

    title = _("practical facts")
    parameter_name = "facts"

    def lookups(self, request, model_admin):
        return [("to-check", _("To check: older than 12 months, undated or ended"))]

    def queryset(self, request, queryset):
        if self.value() == "to-check":
            return queryset.filter(has_facts_to_check(queryset.model, clock.today()))
        return queryset


class StaleFactFilter(admin.SimpleListFilter):
    """Facts out of date today (`?age=stale`): older than twelve months or past their last day, the facts the
    dashboard counts (DatedFactQuerySet.stale_or_ended)."""

    title = _("verified on")
    parameter_name = "age"

    def lookups(self, request, model_admin):
        return [("stale", _("Out of date: older than 12 months or ended"))]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.stale_or_ended(clock.today())
        return queryset


class FactCountyFilter(admin.SimpleListFilter):
    """The county of the fact's place (`?county=<id>`), among the counties the user works in."""

    title = _("county or city")
    parameter_name = "county"

    def __init__(self, request, params, model, model_admin):
        self.county_field = model_admin.county_field
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        regions = Region.objects.along_corridor()
        allowed = county_ids(request.user)
        if allowed is not None:
            regions = regions.filter(pk__in=allowed)
        return [(str(region.pk), region.name) for region in regions]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value.isdigit() and len(value) < 10:  # an id; a forged huge number would overflow the column
            return queryset.filter(**{f"{self.county_field}_id": int(value)})
        return queryset


class DatedFactListAdmin(CountyScopedAdmin, admin.ModelAdmin):
    """Every practical fact of one kind of place, to find those out of date (the dashboard opens it filtered to
    `?age=stale&county=<id>`). Read only: a fact is corrected on its place's page, which each row links to."""

    listing_field = None  # the fact's place: "attraction", "village", "port"
    # The fact opens read only, with every language and its sources; its place's link is where it is corrected.
    list_display = ("fact", "place", "county", "topic", "verified_on", "valid_until", "today")
    list_filter = (StaleFactFilter, FactCountyFilter, "topic")
    list_per_page = 100

    @property
    def county_field(self):
        return f"{self.listing_field}__region"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(f"{self.listing_field}__region")

    def get_ordering(self, request):
        return [f"{self.listing_field}__region__corridor_order", "verified_on", "pk"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("fact"))
    def fact(self, fact):
        return Truncator(" ".join(f"{fact.value} {fact.text}".split())).chars(120)

    @admin.display(description=_("place, where the fact is corrected"))
    def place(self, fact):
        place = getattr(fact, self.listing_field)
        opts = place._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[place.pk])
        return format_html('<a href="{}#facts-group">{}</a>', url, place.name)

    @admin.display(description=_("county or city"))
    def county(self, fact):
        return getattr(fact, self.listing_field).region.name

    @admin.display(description=_("today"))
    def today(self, fact):
        return FactAge(fact.age_on(clock.today())).label
