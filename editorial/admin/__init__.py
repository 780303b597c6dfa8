"""The admin of the listing core: the counties, the sources and the old addresses, and the parts every kind
of listing's admin is built from (imported here so that the kinds find them in one place):

- listing.py: ListingAdmin, the one base of a listing's admin, composed of
- scoping.py: CountyScopedAdmin, county scoping in one place;
- workflow.py: PublishingWorkflowAdmin, draft → review → published, and who may publish;
- review.py: ReviewWorkflowAdmin, the review buttons by role, pending revisions and the review page;
- slugs.py: SlugChangeAdmin, the address proposed in pinyin, fixed once published;
- columns.py: ListingColumnsAdmin (photo, languages, last change) and the changelist filters of work left to do;
- history.py: GuardedHistoryAdmin, the history with a guarded way back;
- languages.py: LanguageTabsAdmin, the language tabs: Chinese first and open, marked, or side by side;
- photos.py: the photo inline and each photo's admin; spreadsheets.py: SpreadsheetAdmin, import and export.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from listings.i18n import localized_columns
from listings.models import Region, SlugRedirect, Source

from .columns import ListingColumnsAdmin, MissingLanguageFilter, MissingPhotoFilter, NoSourceFilter
from .facts import FACTS_HELP, DatedFactInline, DatedFactListAdmin, FactsToCheckFilter
from .history import GuardedHistoryAdmin
from .languages import LanguageTabsAdmin
from .listing import SOURCES_HELP, ListingAdmin, TranslatedTextsAdmin, searchable_in_every_language
from .photos import PhotoAdmin, PhotoInline, photo_thumbnail
from .review import ReviewWorkflowAdmin
from .scoping import CountyScopedAdmin
from .slugs import SlugChangeAdmin
from .spreadsheets import SpreadsheetAdmin
from .workflow import PublishingWorkflowAdmin

__all__ = [
    "FACTS_HELP",
    "SOURCES_HELP",
    "CountyScopedAdmin",
    "DatedFactInline",
    "DatedFactListAdmin",
    "FactsToCheckFilter",
    "GuardedHistoryAdmin",
    "LanguageTabsAdmin",
    "ListingAdmin",
    "ListingColumnsAdmin",
    "MissingLanguageFilter",
    "MissingPhotoFilter",
    "NoSourceFilter",
    "PhotoAdmin",
    "PhotoInline",
    "PublishingWorkflowAdmin",
    "ReviewWorkflowAdmin",
    "SlugChangeAdmin",
    "SpreadsheetAdmin",
    "TranslatedTextsAdmin",
    "photo_thumbnail",
    "searchable_in_every_language",
]

admin.site.site_header = _("G331 Border Corridor — editors")
admin.site.site_title = _("G331 portal admin")
admin.site.index_title = _("Listings, photos and Border Tours")
# The home page starts with what waits for the person signed in (the dashboard extends it).
admin.site.index_template = "admin/editorial/index.html"


@admin.register(Region)
class RegionAdmin(LanguageTabsAdmin, GuardedHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("corridor_order", "name", "slug", "order_confidence", "prefecture", "latitude", "longitude")
    list_display_links = ("name",)
    search_fields = [*searchable_in_every_language("name"), "slug"]
    ordering = ("corridor_order",)

    def save_model(self, request, obj, form, change):
        """Saved from its form or from an older version of its history: renamed, its listings' search columns
        take its new names."""
        names = localized_columns("name")
        stored = Region.objects.filter(pk=obj.pk).values_list(*names).first() if obj.pk else None
        super().save_model(request, obj, form, change)
        if stored is not None and stored != tuple(getattr(obj, name) for name in names):
            obj.refill_listings_search_columns()


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """Sources; their confidence is derived from the kind and the date, never typed in (Source.confidence_on)."""

    list_display = ("key", "citation", "kind", "published_on", "confidence")
    list_filter = ("kind",)
    search_fields = ("key", "citation")
    fields = ("key", "citation", *localized_columns("title"), "kind", "published_on", "confidence")
    readonly_fields = ("confidence",)

    @admin.display(description=_("confidence (from the kind and the date)"))
    def confidence(self, source):
        if source.pk is None:
            return "—"
        return source.confidence_label


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    """The old addresses that redirect to a listing; written when an editor changes a slug, kept for good."""

    list_display = ("old_slug", "content_type", "listing_link", "created_at")
    list_filter = ("content_type",)
    list_select_related = ("content_type",)
    search_fields = ("old_slug",)
    readonly_fields = ("old_slug", "content_type", "object_id", "listing_link", "created_at")
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("listing")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("redirects to"))
    def listing_link(self, redirect):
        listing = redirect.listing
        if listing is None:
            return _("(deleted)")
        return format_html('<a href="{}">{}</a>', listing.get_absolute_url(), listing)
