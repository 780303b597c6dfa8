"""The history of every change (django-simple-history), and a way back that asks the same permissions as a change."""

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from ..labels import readable_value


class ReadableChangesHelper(HistoricalRecordContextHelper):
    """The history list's changes in the editor's words: "Status: Draft → Published", "Best seasons:
    Spring, Autumn", not the stored "draft → published" or "['spring', 'autumn']"."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return readable_value(self.model._meta.get_field(change.field), value)


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """The history of every change, and a way back to an older version for those who may change the object.

    django-simple-history's form of an old version saves what is posted to it after checking only the *view*
    permission, on the *version*. Here a revert needs the change permission (county scoping included) on the
    object as it is now and on the version being restored: view-only staff cannot write through it, and an
    old version cannot move a listing back into a county its editor no longer has. Restoring a deleted object
    adds it again, so it needs the add permission. Seeing an old version needs the view permission on both.
    """

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChangesHelper(self.model, historical_record)

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
