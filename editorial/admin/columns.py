"""What a listing's changelist shows beside its fields, and the filters that find the work left to do."""

from django.conf import settings
from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from listings.i18n import LANGUAGE_NAMES, OTHER_LANGUAGES, language_coverage, missing_language_condition

from .photos import photo_thumbnail


class ListingColumnsAdmin:
    """The `photo` (the first one), `languages` (which languages it is written in) and `last_change` (when and
    by whom, from its history) columns; their data comes with the changelist's queries (one prefetch for the
    photos, a subquery for the last change), never one query per row."""

    coverage_labels = {"full": _("complete"), "partial": _("partly translated"), "none": _("missing")}

    class Media:
        css = {"all": ("css/admin.css",)}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # Listings without photos (ports, events, notes) have the other columns.
        if hasattr(self.model, "photos"):
            queryset = queryset.prefetch_related("photos")
        last_user = (
            self.model.history.model.objects.filter(id=OuterRef("pk"))
            .order_by("-history_date", "-history_id")
            .values("history_user__username")[:1]
        )
        return queryset.annotate(last_changed_by=Subquery(last_user))

    @admin.display(description=_("photo"))
    def photo(self, listing):
        return photo_thumbnail(next(iter(listing.photos.all()), None))

    @admin.display(description=_("languages"))
    def languages(self, listing):
        return format_html_join(
            " ",
            '<span class="language-coverage language-{}" title="{}: {}">{}</span>',
            (
                (coverage, LANGUAGE_NAMES[code], self.coverage_labels[coverage], code.split("-")[0].upper())
                for code in settings.MODELTRANSLATION_LANGUAGES
                for coverage in [language_coverage(listing, code)]
            ),
        )

    @admin.display(description=_("last changed"), ordering="updated_at")
    def last_change(self, listing):
        by = getattr(listing, "last_changed_by", None) or "—"
        return format_html(
            '{}<br><span class="last-change-by">{}</span>',
            date_format(localtime(listing.updated_at), "SHORT_DATETIME_FORMAT"),
            by,
        )


class MissingLanguageFilter(admin.SimpleListFilter):
    """Lets an editor find the listings still to translate."""

    title = _("translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(code, _("Missing %(language)s") % {"language": LANGUAGE_NAMES[code]}) for code in OTHER_LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in OTHER_LANGUAGES:
            return queryset.filter(missing_language_condition(queryset.model, self.value()))
        return queryset


class MissingPhotoFilter(admin.SimpleListFilter):
    """Listings without a single photo (`?photo=missing`), as counted on the dashboard."""

    title = _("photo")
    parameter_name = "photo"

    def lookups(self, request, model_admin):
        return [("missing", _("No photo yet"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(photos__isnull=True)
        return queryset


class NoSourceFilter(admin.SimpleListFilter):
    """Listings whose facts cite no source (`?source=missing`), as counted on the dashboard."""

    title = _("source")
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [("missing", _("No source yet"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(sources__isnull=True)
        return queryset
