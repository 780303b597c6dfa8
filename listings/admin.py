"""Admin pieces every listing shares, and the admin of the counties and sources."""

from adminsortable2.admin import SortableAdminBase, SortableInlineAdminMixin
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationAdmin, TranslationTabularInline
from modeltranslation.translator import translator

from photos.forms import PhotoUploadField
from staff.admin_mixins import CountyScopedAdminMixin, GuardedHistoryAdmin, LastChangeColumnMixin, WorkflowAdminMixin

from .models import Region, SlugRedirect, Source, Status

admin.site.site_header = _("G331 Border Corridor — editors")
admin.site.site_title = _("G331 portal admin")
admin.site.index_title = _("Listings, photos and Border Tours")


DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
OTHER_LANGUAGES = [code for code in settings.MODELTRANSLATION_LANGUAGES if code != DEFAULT_LANGUAGE]
LANGUAGE_NAMES = dict(settings.LANGUAGES)


def column(field, code):
    return f"{field}_{code.replace('-', '_')}"


def searchable_in_every_language(*fields):
    """search_fields covering each language's column of translated fields."""
    return [column(field, code) for field in fields for code in settings.MODELTRANSLATION_LANGUAGES]


def translated_fields(model):
    return sorted(translator.get_options_for_model(model).all_fields)


def missing_language_condition(model, code):
    """Rows where some text written in Chinese has no version in language `code`."""
    condition = Q()
    for field in translated_fields(model):
        chinese, other = column(field, DEFAULT_LANGUAGE), column(field, code)
        condition |= (
            ~Q(**{chinese: ""})
            & Q(**{f"{chinese}__isnull": False})
            & (Q(**{other: ""}) | Q(**{f"{other}__isnull": True}))
        )
    return condition


def language_coverage(listing, code):
    """'full', 'partial' or 'none': how much of the Chinese text exists in language `code`."""
    written = [f for f in translated_fields(type(listing)) if getattr(listing, column(f, DEFAULT_LANGUAGE))]
    present = [f for f in written if getattr(listing, column(f, code))]
    if written and len(present) == len(written):
        return "full"
    return "partial" if present else "none"


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


class LanguagesColumnMixin:
    """A column showing at a glance which languages a listing is written in."""

    coverage_labels = {"full": _("complete"), "partial": _("partly translated"), "none": _("missing")}

    class Media:
        css = {"all": ("css/admin.css",)}

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


def photo_thumbnail(photo):
    """The smallest rendition, for the admin's lists and inlines."""
    if not photo or not photo.renditions:
        return "—"
    width, height = photo.renditions[0]
    return format_html(
        '<img src="{}" alt="" class="admin-thumbnail" width="{}" height="{}" loading="lazy">',
        photo.rendition_url(width, "webp"),
        width,
        height,
    )


class PhotoInline(SortableInlineAdminMixin, TranslationTabularInline):
    """The listing's photos, reordered by dragging a row (django-admin-sortable2 fills in `position`)."""

    extra = 0
    fields = ("thumbnail", "image", "alt_text", "caption", "credit", "history", "position")
    readonly_fields = ("thumbnail", "history")
    # Uploads are judged by their content and limits (images.open_photo), not by the file's name.
    formfield_overrides = {models.ImageField: {"form_class": PhotoUploadField}}

    @admin.display(description=_("preview"))
    def thumbnail(self, photo):
        return photo_thumbnail(photo)

    @admin.display(description=_("history"))
    def history(self, photo):
        if not photo.pk:
            return "—"
        opts = photo._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[photo.pk])
        return format_html('<a href="{}">{}</a>', url, _("History"))


class PhotoAdmin(CountyScopedAdminMixin, GuardedHistoryAdmin, TranslationAdmin):
    """Each photo on its own: its history (who changed what, and when) and a way back to an older version.

    Photos are added and ordered in their listing's page; `county_field` is set per kind of listing.
    """

    list_display = ("thumbnail", "alt_text", "credit")
    readonly_fields = ("thumbnail",)
    formfield_overrides = {models.ImageField: {"form_class": PhotoUploadField}}

    @admin.display(description=_("preview"))
    def thumbnail(self, photo):
        return photo_thumbnail(photo)


class PhotoColumnMixin:
    """A changelist column with each listing's first photo; the photos come in one prefetch query."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # Listings without photos (ports, events, notes) share the rest of PublishableAdmin.
        return queryset.prefetch_related("photos") if hasattr(self.model, "photos") else queryset

    @admin.display(description=_("photo"))
    def photo(self, listing):
        return photo_thumbnail(next(iter(listing.photos.all()), None))


class SlugChangeAdminMixin:
    """A slug can be changed, with a warning: the old address is kept and answers 301 to the new one."""

    slug_help_text = _(
        "Latin letters (pinyin or English) used in the address. It can be changed after publication: the old "
        "address will redirect to the new one, in every language, but links shared before keep a detour."
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug" and formfield is not None:
            formfield.help_text = self.slug_help_text
        return formfield

    def save_model(self, request, obj, form, change):
        before = None
        if change and "slug" in form.changed_data:
            before = type(obj)._default_manager.filter(pk=obj.pk).values("slug", "first_published_at").first()
        super().save_model(request, obj, form, change)
        # Only an address visitors could have seen needs to keep working.
        if before and before["slug"] != obj.slug and before["first_published_at"]:
            SlugRedirect.objects.remember(obj, before["slug"])
            new_path = obj.get_absolute_url()
            self.message_user(
                request,
                _("The address changed from %(old)s to %(new)s. The old address will redirect to the new one.")
                % {"old": new_path.replace(f"/{obj.slug}/", f"/{before['slug']}/", 1), "new": new_path},
                messages.WARNING,
            )


# The listing-wide grade of the fact sheets is kept for the record; visitors see each source's own confidence.
SOURCES_HELP = _(
    "Visitors see each source's own confidence, derived from its kind and date (edit the source). "
    "The grade below comes from the fact sheets and cannot be typed in here."
)


class PublishableAdmin(
    SlugChangeAdminMixin,
    CountyScopedAdminMixin,
    WorkflowAdminMixin,
    LastChangeColumnMixin,
    SortableAdminBase,
    PhotoColumnMixin,
    LanguagesColumnMixin,
    GuardedHistoryAdmin,
    TabbedTranslationAdmin,
):
    """Status, languages and last-change columns, the translation filter, the publish/unpublish actions,
    county scoping for county editors and the history of every change."""

    actions = ["publish", "send_to_review", "unpublish"]
    readonly_fields = ("first_published_at", "created_at", "updated_at")
    save_on_top = True

    @admin.action(description=_("Publish the selected listings"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Send the selected listings to review"), permissions=["change"])
    def send_to_review(self, request, queryset):
        if not self.has_publish_permission(request):
            # Taking a published listing off the site is a publisher's decision, here as in the form.
            queryset = queryset.exclude(status=Status.PUBLISHED)
        self._set_status(request, queryset, Status.IN_REVIEW)

    @admin.action(description=_("Unpublish the selected listings (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)

    def _set_status(self, request, queryset, status):
        changed = refused = 0
        for listing in queryset.exclude(status=status):
            problems = listing.publication_problems() if status == Status.PUBLISHED else []
            if problems:
                refused += 1
                self.message_user(
                    request,
                    _("“%(listing)s” was not published: %(problems)s")
                    % {"listing": listing, "problems": " ".join(str(p) for p in problems)},
                    messages.ERROR,
                )
                continue
            was_published = listing.is_published
            listing.status = status
            listing.save()  # save() keeps the date of first publication
            if was_published:
                self.photos_unpublished(listing)
            changed += 1
        if refused and not changed:
            return
        self.message_user(
            request,
            ngettext("%(count)d listing changed.", "%(count)d listings changed.", changed) % {"count": changed},
            messages.SUCCESS,
        )


@admin.register(Region)
class RegionAdmin(GuardedHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("corridor_order", "name", "slug", "order_confidence", "prefecture", "latitude", "longitude")
    list_display_links = ("name",)
    search_fields = [*searchable_in_every_language("name"), "slug"]
    ordering = ("corridor_order",)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """Sources; their confidence is derived from the kind and the date, never typed in (Source.confidence_on)."""

    list_display = ("key", "citation", "kind", "published_on", "confidence")
    list_filter = ("kind",)
    search_fields = ("key", "citation")
    fields = ("key", "citation", "kind", "published_on", "confidence")
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
