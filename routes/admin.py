from adminsortable2.admin import SortableAdminBase, SortableInlineAdminMixin
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

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

from .forms import RouteDayForm, RouteDayFormSet, RouteStopForm, place_label, place_value
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


class RouteDayInline(SortableInlineAdminMixin, TranslationTabularInline):
    """The tour's days, put in order by dragging; the day numbers follow the order."""

    model = RouteDay
    form = RouteDayForm
    formset = RouteDayFormSet
    extra = 0
    fields = ("title", "overnight", "description", "stops_link", "number")
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        warn_about_stops_out_of_season(self, request, form.instance)


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
            results += [
                {"id": place_value(place), "text": place_label(place)} for place in places[:PLACE_AUTOCOMPLETE_LIMIT]
            ]
        return JsonResponse({"results": results, "pagination": {"more": False}})


@admin.register(RoutePhoto)
class RoutePhotoAdmin(PhotoAdmin):
    county_field = None
    list_display = ("thumbnail", "alt_text", "route", "credit")
    list_select_related = ("route",)
    search_fields = [*searchable_in_every_language("alt_text"), "route__slug"]
    autocomplete_fields = ("route",)
