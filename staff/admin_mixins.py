"""What the admin of every listing shares for editors: county scoping, the publishing workflow, and the
"last changed by whom and when" column."""

from functools import reduce

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from listings.models import Region, Status

from .imports import SpreadsheetCSV, SpreadsheetXLSX, UserConfirmImportForm, UserImportStorage, importing_as
from .roles import can_publish, county_ids, is_county_restricted


def follow(obj, path):
    """The value at the end of a `a__b__c` path from obj, or None where the path breaks."""
    return reduce(lambda current, name: getattr(current, name, None) if current is not None else None, path, obj)


class CountyScopedAdminMixin:
    """A county editor sees, opens, changes and deletes only what lies in the counties assigned to them.

    `county_field` is the path from the model to its county (`region`, `attraction__region`). Everything
    the admin shows or changes goes through get_queryset() (changelist, search, autocomplete, actions,
    export) or through the object permissions below (change, delete and history views, reverts), so an
    object of another county is refused wherever it is asked for; a form cannot move an object into a
    county the editor does not have.
    """

    county_field = "region"  # None: not narrowed by county

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        allowed = county_ids(request.user)
        if allowed is None or self.county_field is None:
            return queryset
        return queryset.filter(**{f"{self.county_field}__in": allowed})

    def county_id_of(self, obj):
        region = follow(obj, self.county_field.split("__"))
        return region.pk if region is not None else None

    def in_scope(self, request, obj):
        if obj is None or self.county_field is None:
            return True
        allowed = county_ids(request.user)
        return allowed is None or self.county_id_of(obj) in allowed

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.in_scope(request, obj)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and is_county_restricted(request.user):
            # Another county's listing: a refusal, not Django's "perhaps it was deleted?" redirect.
            field = self.model._meta.get_field(from_field) if from_field else self.model._meta.pk
            try:
                exists = self.model._default_manager.filter(**{field.name: field.to_python(object_id)}).exists()
            except (ValidationError, ValueError, TypeError):  # a malformed id is simply not found
                exists = False
            if exists:
                raise PermissionDenied
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        allowed = county_ids(request.user)
        if allowed is not None and self.county_field is not None and db_field.remote_field.model is Region:
            kwargs["queryset"] = Region.objects.filter(pk__in=allowed)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # The form already refuses other counties; this holds even for a form that forgot to.
        if not self.in_scope(request, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """The history of every change, and a way back to an older version for those who may change the object.

    django-simple-history's form of an old version saves what is posted to it after checking only the *view*
    permission, on the *version*. Here a revert needs the change permission (county scoping included) on the
    object as it is now and on the version being restored: view-only staff cannot write through it, and an
    old version cannot move a listing back into a county its editor no longer has. Restoring a deleted object
    adds it again, so it needs the add permission. Seeing an old version needs the view permission on both.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        version = self.version_or_404(unquote(object_id), version_id)
        current = self.current_object(version.instance)
        if current is not None and not self.has_view_or_change_permission(request, current):
            raise PermissionDenied
        if request.method == "POST" and not self.may_revert(request, version.instance):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def version_or_404(self, object_id, version_id):
        history = self.model.history.model
        try:
            version = history.objects.filter(
                **{self.model._meta.pk.attname: object_id, "history_id": version_id}
            ).first()
        except (ValidationError, ValueError, TypeError):  # a malformed id is simply not found
            version = None
        if version is None:
            raise Http404
        return version

    def current_object(self, instance):
        return self.model._default_manager.filter(pk=instance.pk).first()

    def may_revert(self, request, instance):
        """Whether `instance` (an old version) may be saved over the object as it is now."""
        current = self.current_object(instance)
        if current is None:
            allowed_now = self.has_add_permission(request)
        else:
            allowed_now = self.has_change_permission(request, current)
        return allowed_now and self.has_change_permission(request, instance)

    def revert_disabled(self, request, obj=None):
        if getattr(settings, "SIMPLE_HISTORY_REVERT_DISABLED", False):
            return True
        if obj is None:
            return not self.has_change_permission(request)
        return not self.may_revert(request, obj)


class WorkflowAdminMixin:
    """Draft → in review → published, and back to draft. Only those who may publish can set or unset
    "published": for others it is not offered in the form and not accepted from a forged or reverted one."""

    def has_publish_permission(self, request):
        return can_publish(request.user, self.model)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        status = form.base_fields.get("status")
        if status is not None and not self.has_publish_permission(request):
            status.choices = [(value, label) for value, label in status.choices if value != Status.PUBLISHED]
            status.help_text = _("A publisher or a province editor publishes the listing once it is in review.")
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            fields.append("status")  # only a publisher takes it off the site
        return fields

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            stored = type(obj)._default_manager.filter(pk=obj.pk).values_list("status", flat=True).first()
            stored = stored or Status.DRAFT
            if (obj.status == Status.PUBLISHED) != (stored == Status.PUBLISHED):
                obj.status = stored
                self.message_user(
                    request,
                    gettext("Only publishers and province editors publish or unpublish: the status stays “%(status)s”.")
                    % {"status": Status(stored).label},
                    messages.WARNING,
                )
        was_published = change and type(obj)._default_manager.filter(pk=obj.pk, status=Status.PUBLISHED).exists()
        super().save_model(request, obj, form, change)
        obj.unpublished_now = was_published and not obj.is_published

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the photo inlines: a photo form saved later would write the old file name back.
        if getattr(form.instance, "unpublished_now", False):
            self.photos_unpublished(form.instance)

    def photos_unpublished(self, listing):
        """A listing taken off the site: its photos leave the addresses pages, feeds and visitors have seen."""
        photos = getattr(listing, "photos", None)
        for photo in photos.all() if photos is not None else []:
            photo.move_to_new_address()


class LastChangeColumnMixin:
    """When a listing last changed and who changed it, from its history, in the changelist's one query."""

    def get_queryset(self, request):
        history = self.model.history.model
        last_user = (
            history.objects.filter(id=OuterRef("pk"))
            .order_by("-history_date", "-history_id")
            .values("history_user__username")[:1]
        )
        return super().get_queryset(request).annotate(last_changed_by=Subquery(last_user))

    @admin.display(description=_("last changed"), ordering="updated_at")
    def last_change(self, listing):
        by = getattr(listing, "last_changed_by", None) or "—"
        return format_html(
            '{}<br><span class="last-change-by">{}</span>',
            date_format(localtime(listing.updated_at), "SHORT_DATETIME_FORMAT"),
            by,
        )


class SpreadsheetMixin(ImportExportMixin):
    """Import from and export to CSV and XLSX, as the signed-in editor (whose counties bound the import).

    The file waits between preview and confirmation in a storage of the signed-in user (staff/imports.py).
    """

    formats = [SpreadsheetCSV, SpreadsheetXLSX]
    tmp_storage_class = UserImportStorage
    confirm_form_class = UserConfirmImportForm

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"user": request.user}

    def get_confirm_form_kwargs(self, request, import_form=None):
        return {**super().get_confirm_form_kwargs(request, import_form), "user": request.user}

    def import_action(self, request, **kwargs):
        with importing_as(request.user):
            response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        upload = getattr(context.get("form"), "cleaned_data", {}).get("import_file")
        if "confirm_form" not in context and getattr(upload, "tmp_storage_name", None):
            # A refused preview is never confirmed: its file goes now, not only when it expires.
            UserImportStorage(name=upload.tmp_storage_name, user=request.user).remove()
        return response

    def process_import(self, request, **kwargs):
        with importing_as(request.user):
            return super().process_import(request, **kwargs)
