"""Admin pieces every listing shares, and the admin of the counties and sources."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from .models import Region, Source, Status

admin.site.site_header = _("G331 Border Corridor — editors")
admin.site.site_title = _("G331 portal admin")
admin.site.index_title = _("Listings, photos and Border Tours")


def searchable_in_every_language(*fields):
    """search_fields covering each language's column of translated fields."""
    from django.conf import settings

    codes = [code.replace("-", "_") for code in settings.MODELTRANSLATION_LANGUAGES]
    return [f"{field}_{code}" for field in fields for code in codes]


class PhotoInline(TranslationTabularInline):
    extra = 0
    fields = ("thumbnail", "image", "alt_text", "caption", "credit", "position")
    readonly_fields = ("thumbnail",)

    @admin.display(description=_("preview"))
    def thumbnail(self, photo):
        if not photo.image:
            return "—"
        return format_html('<img src="{}" alt="" class="admin-thumbnail" width="80">', photo.image.url)


class PublishableAdmin(TabbedTranslationAdmin):
    """Status column, filters and the publish/unpublish actions."""

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
