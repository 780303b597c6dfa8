"""The photos of a listing in the admin: thumbnails, the inline of its page, and each photo's own history."""

from adminsortable2.admin import SortableInlineAdminMixin
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from photos.forms import PhotoForm, PhotoFormSetMixin, PhotoUploadField
from photos.models import pending_upload_owner

from .history import GuardedHistoryAdmin
from .scoping import CountyScopedAdmin


def photo_thumbnail(photo):
    """The smallest rendition, for the admin's lists and inlines; in a page shown again with its errors, the
    thumbnail of the photo chosen in it (kept for the next attempt, see KeepsChosenPhotosAdmin)."""
    pending = getattr(photo, "pending_upload", None)
    if pending is not None:
        return format_html(
            '<img src="{}" alt="" class="admin-thumbnail admin-thumbnail-pending"><br><small>{}</small>',
            pending.thumbnail_data_uri(),
            _("Chosen; saved with the page."),
        )
    if not photo or not photo.renditions:
        return "—"
    width, height = photo.renditions[0]
    return format_html(
        '<img src="{}" alt="" class="admin-thumbnail" width="{}" height="{}" loading="lazy">',
        photo.rendition_url(width, "webp"),
        width,
        height,
    )


class KeepsChosenPhotosAdmin:
    """A listing's page shown again with errors keeps the photos chosen in it (PhotoForm.keep_chosen_photo):
    the editor fixes the error and saves, without choosing the files again."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST":  # a successful save redirects: a POST rendered here failed
            admin_form = context.get("adminform")
            keep_chosen_photo = getattr(getattr(admin_form, "form", None), "keep_chosen_photo", None)
            if keep_chosen_photo is not None:  # a photo's own page
                keep_chosen_photo()
            for inline_admin_formset in context.get("inline_admin_formsets", ()):
                keep_chosen_photos = getattr(inline_admin_formset.formset, "keep_chosen_photos", None)
                if keep_chosen_photos is not None:
                    keep_chosen_photos()
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


class PhotoInline(SortableInlineAdminMixin, TranslationTabularInline):
    """The listing's photos, reordered by dragging a row (django-admin-sortable2 fills in `position`)."""

    extra = 0
    form = PhotoForm
    fields = ("thumbnail", "image", "pending_upload", "alt_text", "caption", "credit", "history", "position")
    readonly_fields = ("thumbnail", "history")
    # Uploads are judged by their content and limits (images.open_photo), not by the file's name.
    formfield_overrides = {models.ImageField: {"form_class": PhotoUploadField}}

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        attributes = {"pending_owner": pending_upload_owner(request.session)}
        return type(formset.__name__, (PhotoFormSetMixin, formset), attributes)

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


class PhotoAdmin(KeepsChosenPhotosAdmin, CountyScopedAdmin, GuardedHistoryAdmin, TranslationAdmin):
    """Each photo on its own: its history (who changed what, and when) and a way back to an older version.

    Photos are added and ordered in their listing's page; `county_field` is set per kind of listing. A new file
    chosen here survives a save that fails, like in the listing's page.
    """

    form = PhotoForm
    list_display = ("thumbnail", "alt_text", "credit")
    readonly_fields = ("thumbnail",)
    formfield_overrides = {models.ImageField: {"form_class": PhotoUploadField}}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"pending_owner": pending_upload_owner(request.session)})

    @admin.display(description=_("preview"))
    def thumbnail(self, photo):
        return photo_thumbnail(photo)
