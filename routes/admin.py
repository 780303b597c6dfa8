import json
from dataclasses import dataclass

from adminsortable2.admin import SortableAdminBase, SortableInlineAdminMixin
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.forms.models import modelformset_factory
from django.http import JsonResponse
from django.urls import path
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline

from editorial.admin import (
    GuardedHistoryAdmin,
    LanguageTabsAdmin,
    ListingAdmin,
    MissingLanguageFilter,
    PhotoAdmin,
    PhotoInline,
    searchable_in_every_language,
)
from listings import kinds
from listings.models import Region
from listings.roles import in_counties_of

from .forms import (
    RouteDayForm,
    RouteDayFormSet,
    RouteStopForm,
    TourStopForm,
    TourStopFormSet,
    place_label,
    place_value,
)
from .models import Route, RouteDay, RoutePhoto, RouteStop, passes_through

PLACE_AUTOCOMPLETE_LIMIT = 10


def warn_about_stops_out_of_season(model_admin, request, route):
    """A warning after saving, not a refusal: an editor may mean it (a winter detour), or a place's seasons
    may be what is wrong."""
    for warning in route.season_warnings():
        model_admin.message_user(request, warning, messages.WARNING)


class PassesThroughFilter(admin.SimpleListFilter):
    """Border Tours that start, end or stop in a county (`?county=hunchun`), as the public list and the
    dashboard count them."""

    title = _("passes through")
    parameter_name = "county"

    def lookups(self, request, model_admin):
        return [(region.slug, region.name) for region in Region.objects.along_corridor()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(passes_through([self.value()]))
        return queryset


class RouteDayInline(SortableInlineAdminMixin, TranslationStackedInline):
    """The tour's days, put in order by dragging, each with its stops (the tour editor: the template renders the
    stops' formset, which RouteAdmin builds beside this one, under each day)."""

    model = RouteDay
    form = RouteDayForm
    formset = RouteDayFormSet
    extra = 0
    fields = ("title", "overnight", "description", "number")
    template = "admin/routes/route/tour_days.html"


class RoutePhotoInline(PhotoInline):
    model = RoutePhoto


@admin.register(Route)
class RouteAdmin(ListingAdmin):
    list_display = (
        "photo",
        "title",
        "duration_days",
        "transport",
        "start_region",
        "end_region",
        "status",
        "languages",
        "last_change",
    )
    list_display_links = ("photo", "title")
    list_filter = (MissingLanguageFilter, "status", "duration_days", "transport", "start_region", PassesThroughFilter)
    list_select_related = ("start_region", "end_region")
    search_fields = [*searchable_in_every_language("title"), "slug", "search_pinyin"]
    inlines = [RouteDayInline, RoutePhotoInline]
    # Border Tours cross counties: they are not narrowed by county; only province editors (and superusers)
    # have the permissions to edit them, publishers to publish them.
    county_field = None
    fieldsets = [
        (None, {"fields": ("title", "slug", "status")}),
        (_("Texts"), {"fields": ("summary", "description", "written_in")}),
        (
            _("The trip"),
            {
                "fields": (
                    "duration_days",
                    "themes",
                    "best_seasons",
                    "transport",
                    "price_from",
                    "price_enquiries",
                    "start_region",
                    "end_region",
                    "start_hub",
                    "season_check",
                )
            },
        ),
        (_("Record"), {"fields": ("first_published_at", "created_at", "updated_at"), "classes": ("collapse",)}),
    ]
    readonly_fields = (*ListingAdmin.readonly_fields, "season_check")

    @admin.display(description=_("seasons of the stops"))
    def season_check(self, route):
        warnings = route.season_warnings() if route.pk else []
        if not warnings:
            return _("Every stop with known seasons is good in at least one of this tour's seasons.")
        items = format_html_join("", '<li class="warning">{}</li>', ((warning,) for warning in warnings))
        return format_html('<ul class="messagelist">{}</ul>', items)

    # The tour editor: the stops of every day on this page, as one formset of the whole tour's stops beside the
    # days' (not django-nested-admin's formset per day): a stop then moves to another day by its "day" select
    # alone, which works without JavaScript and for a day added on the same page, and the days keep their
    # adminsortable2 dragging and modeltranslation tabs as they are.
    stops_prefix = "stops"

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        days = next((formset for formset in formsets if isinstance(formset, RouteDayFormSet)), None)
        if days is not None:
            days.postpone_deletions = True
            stops = self.stops_formset(request, obj, days)
            days.tour_stops = stops
            if stops is not None:
                # After the days (saved first, so that a new day has an id for its stops); not an inline of its
                # own: RouteDayInline's template shows it under the days.
                formsets.append(stops)
        return formsets, inline_instances

    def stops_formset(self, request, route, days):
        """Every stop of the tour, or None when they are not to be edited here: for someone who may only view the
        tour, and for a form sent without them (an older page), whose stops then stay as they are."""
        editable = self.has_change_permission(request, route) if route.pk else self.has_add_permission(request)
        if not editable:
            return None
        data = request.POST if request.method == "POST" else None
        if data is not None and f"{self.stops_prefix}-TOTAL_FORMS" not in data:
            return None
        formset_class = modelformset_factory(
            RouteStop, form=TourStopForm, formset=TourStopFormSet, extra=0 if data else len(days.forms), can_delete=True
        )
        stops = RouteStop.objects.none()
        if route.pk:
            stops = (
                RouteStop.objects.filter(day__route=route)
                .select_related("day", "attraction__region", "village__region")
                .order_by("day__number", "position", "id")
            )
        blank_rows = [{"day": str(index)} for index in range(len(days.forms))]
        return formset_class(
            data,
            prefix=self.stops_prefix,
            queryset=stops,
            days_formset=days,
            route_status=route.status,
            initial=blank_rows,
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            # Days removed only now: a stop moved out of a removed day has been saved in its new day first.
            for day in getattr(formset, "postponed_deletions", ()):
                day.delete()
        warn_about_stops_out_of_season(self, request, form.instance)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Only the change form loads Leaflet and the tour editor's script, not the changelist.
        context["media"] = context["media"] + TourStopForm().media + tour_editor_media()
        for inline in context.get("inline_admin_formsets", ()):
            if getattr(inline.formset, "tour_stops", None) is not None:
                # Once the forms are checked: a page sent back with errors shows each stop where it was put.
                arrange_stops_under_days(inline.formset, inline.formset.tour_stops)
        return super().render_change_form(request, context, add, change, form_url, obj)


def tour_editor_media():
    settings_json = json.dumps(tour_editor_settings(), ensure_ascii=False)
    return forms.Media(
        js=[
            "vendor/leaflet-1.9.4/leaflet.js",
            forms.Script("js/admin-tour-editor.js", **{"data-tour-editor": settings_json}),
        ],
        css={"all": ["vendor/leaflet-1.9.4/leaflet.css", "css/admin-tour-editor.css"]},
    )


def tour_editor_settings():
    """The tour editor script's words and map, in the admin's language (no inline script under the CSP)."""
    return {
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "distance": gettext("Straight-line distance: %(distance)s"),
        "km": gettext("%(km)s km"),
        "at_least": gettext("at least %(km)s km"),
        "approximate": gettext("Position is approximate; cannot be calculated"),
        "no_legs": gettext("Fewer than two stops: nothing to measure yet."),
        "day": gettext("Day %(number)s"),
        "move_up": gettext("Move the stop up"),
        "move_down": gettext("Move the stop down"),
        "handle": gettext("Drag to move the stop, within the day or to another day"),
        "remove": gettext("Remove this new stop"),
    }


def arrange_stops_under_days(days, stops):
    """Each day form gets its stop forms, in order, and their straight-line distances, for the template; a stop
    whose day is not one of the page's (a forged value) is shown under the first day, with its error."""
    by_day = stops.stop_forms_by_day()
    known = {str(index) for index in range(len(days.forms))}
    strays = [form for day, forms_of_day in by_day.items() if day not in known for form in forms_of_day]
    for index, day_form in enumerate(days.forms):
        stop_forms = by_day.get(str(index), []) + (strays if index == 0 else [])
        line = stops.straight_line_of(stop_forms)
        legs = iter(enumerate(line.legs))
        rows = []
        for form in stop_forms:
            place = form.chosen_place
            number, km = next(legs) if place is not None else (None, None)
            rows.append(TourStopRow(form=form, place=place, leg_text=leg_text(number, km)))
        day_form.tour_index = index
        day_form.tour_stops = rows
        day_form.tour_distance = day_distance_text(line)


def place_position(place):
    """A place's position as the tour editor's script reads it."""
    return {
        "lat": place.latitude,
        "lon": place.longitude,
        "approximate": place.position_is_approximate,
        "name": str(place.name),
    }


@dataclass
class TourStopRow:
    form: object
    place: object
    leg_text: str


def leg_text(number, km):
    """The straight line from the previous stop, as the stop's row says it ("" for the day's first stop)."""
    if not number:
        return ""
    if km is None:
        return gettext("Position is approximate; cannot be calculated")
    return gettext("%(km)s km") % {"km": number_format(km, 1)}


def day_distance_text(line):
    """ "Straight-line distance: 42.0 km", or "… at least 42.0 km; position is approximate…" when a leg touches an
    approximate position."""
    if len(line.legs) < 2:
        distance = gettext("Fewer than two stops: nothing to measure yet.")
    elif not line.approximate_legs:
        distance = gettext("%(km)s km") % {"km": number_format(line.km, 1)}
    else:
        at_least = gettext("at least %(km)s km") % {"km": number_format(line.km, 1)}
        distance = f"{at_least}; {gettext('Position is approximate; cannot be calculated')}"
    return gettext("Straight-line distance: %(distance)s") % {"distance": distance}


class RouteStopInline(SortableInlineAdminMixin, TranslationTabularInline):
    """A day's stops, put in order by dragging; each is picked in one search over attractions and villages."""

    model = RouteStop
    form = RouteStopForm
    extra = 1
    fields = ("place", "note", "suggested_minutes", "road_km_from_previous", "position")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("attraction__region", "village__region")


@admin.register(RouteDay)
class RouteDayAdmin(LanguageTabsAdmin, SortableAdminBase, GuardedHistoryAdmin, TabbedTranslationAdmin):
    """Where a day's ordered stops are edited; reached from its Border Tour."""

    list_display = ("route", "number", "title", "overnight")
    list_select_related = ("route",)
    list_filter = ("route",)
    search_fields = [*searchable_in_every_language("title"), "route__slug"]
    autocomplete_fields = ("route",)
    inlines = [RouteStopInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        warn_about_stops_out_of_season(self, request, form.instance.route)

    def get_urls(self):
        search = self.admin_site.admin_view(self.place_autocomplete)
        return [path("place-autocomplete/", search, name="routes_routeday_place_autocomplete"), *super().get_urls()]

    def place_autocomplete(self, request):
        """Attractions and villages whose name (any language, pinyin) matches, for a stop's place."""
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        term = request.GET.get("term", "")
        results = []
        for model in kinds.place_models():
            places = in_counties_of(request.user, model.objects.select_related("region"))
            places = places.search(term) if term.strip() else places.along_corridor()
            # With its position: the tour editor measures and maps a stop as soon as its place is chosen.
            results += [
                {**place_position(place), "id": place_value(place), "text": place_label(place)}
                for place in places[:PLACE_AUTOCOMPLETE_LIMIT]
            ]
        return JsonResponse({"results": results, "pagination": {"more": False}})


@admin.register(RoutePhoto)
class RoutePhotoAdmin(PhotoAdmin):
    county_field = None
    list_display = ("thumbnail", "alt_text", "route", "credit")
    list_select_related = ("route",)
    search_fields = [*searchable_in_every_language("alt_text"), "route__slug"]
    autocomplete_fields = ("route",)
