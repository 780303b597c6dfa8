"""Stored values as the form shows them, for pages that only show them: the history's list of changes and the
page of a listing that a staff member may view but not change."""

from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import FieldDoesNotExist

from ..labels import readable_value


class ChoiceLabels:
    """A list of choices on a view-only page, shown by its labels ("Spring, Autumn"): Django's admin shows
    the items of an array field as stored ("spring, autumn"). A read-only field of the admin's own kind, a
    callable with a name (the row's CSS class) and a short description (its label)."""

    def __init__(self, field, empty_value_display):
        self.field = field
        self.__name__ = field.name
        self.short_description = field.verbose_name
        self.empty_value_display = empty_value_display

    def __call__(self, obj):
        return readable_value(self.field, getattr(obj, self.field.name)) or self.empty_value_display


class ReadableViewOnlyAdmin:
    """The page of an object the staff member may view but not change shows its lists of choices by their
    labels, as the form would have (Django does so itself for single choices and boxes)."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.is_change_page(request) or self.has_change_permission(request, obj):
            return fieldsets
        return [(title, {**options, "fields": self.readable_fields(options["fields"])}) for title, options in fieldsets]

    def is_change_page(self, request):
        """The change page only: the history's page of a version renders these fieldsets as a form."""
        opts = self.model._meta
        match = getattr(request, "resolver_match", None)
        return match is not None and match.url_name == f"{opts.app_label}_{opts.model_name}_change"

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The form has no field for what only shows (modeltranslation's exclusions replace Django's, which would
        # have left these out).
        if "fields" not in kwargs:  # as Django's get_form would: the fields of the fieldsets
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"]:
            kwargs["fields"] = [name for name in kwargs["fields"] if not isinstance(name, ChoiceLabels)]
        return super().get_form(request, obj, change=change, **kwargs)

    def readable_fields(self, names):
        return [
            tuple(self.readable_fields(name)) if isinstance(name, (list, tuple)) else self.readable(name)
            for name in names
        ]

    def readable(self, name):
        try:
            field = self.model._meta.get_field(name)
        except (FieldDoesNotExist, TypeError):
            return name
        if isinstance(field, ArrayField) and field.base_field.choices:
            return ChoiceLabels(field, self.get_empty_value_display())
        return name
