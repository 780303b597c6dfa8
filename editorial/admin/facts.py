"""The practical facts of a place (hours, tickets, booking, seasons), edited on the place's own page.

The inline belongs to the listing's admin, so a county editor reaches a fact only through a place of their own
counties (CountyScopedAdmin); what a fact's date means today is shown beside it, read from the clock.
"""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from corridor_portal import clock
from listings.dating import FactAge
from listings.models import has_facts_to_check

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
