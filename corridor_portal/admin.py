"""Admin pieces every listing shares, and the admin of the counties and sources."""

from adminsortable2.admin import SortableAdminBase, SortableInlineAdminMixin
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from modeltranslation.translator import translator

from .forms import PhotoUploadField
from .models import Region, Source, Status

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
    fields = ("thumbnail", "image", "alt_text", "caption", "credit", "position")
    readonly_fields = ("thumbnail",)
    # Uploads are judged by their content and limits (images.open_photo), not by the file's name.
    formfield_overrides = {models.ImageField: {"form_class": PhotoUploadField}}

    @admin.display(description=_("preview"))
    def thumbnail(self, photo):
        return photo_thumbnail(photo)


class PhotoColumnMixin:
    """A changelist column with each listing's first photo; the photos come in one prefetch query."""

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("photos")

    @admin.display(description=_("photo"))
    def photo(self, listing):
        return photo_thumbnail(next(iter(listing.photos.all()), None))


class PublishableAdmin(SortableAdminBase, PhotoColumnMixin, LanguagesColumnMixin, TabbedTranslationAdmin):
    """Status and languages columns, the translation filter and the publish/unpublish actions."""

    actions = ["publish", "send_to_review", "unpublish"]
    readonly_fields = ("first_published_at", "created_at", "updated_at")
    save_on_top = True

    @admin.action(description=_("Publish the selected listings"))
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Send the selected listings to review"))
    def send_to_review(self, request, queryset):
        self._set_status(request, queryset, Status.IN_REVIEW)

    @admin.action(description=_("Unpublish the selected listings (back to draft)"))
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)

    def _set_status(self, request, queryset, status):
        changed = 0
        for listing in queryset.exclude(status=status):
            listing.status = status
            listing.save()  # save() keeps the date of first publication
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d listing changed.", "%(count)d listings changed.", changed) % {"count": changed},
            messages.SUCCESS,
        )


@admin.register(Region)
class RegionAdmin(TabbedTranslationAdmin):
    list_display = ("corridor_order", "name", "slug", "prefecture", "latitude", "longitude")
    list_display_links = ("name",)
    search_fields = [*searchable_in_every_language("name"), "slug"]
    ordering = ("corridor_order",)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("key", "citation")
    search_fields = ("key", "citation")
