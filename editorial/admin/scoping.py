"""County scoping, in one place: a county editor sees, opens, changes and deletes only what lies in the
counties assigned to them (listings/roles.py says which)."""

from functools import reduce

from django.core.exceptions import PermissionDenied, ValidationError

from listings.models import Region
from listings.roles import county_ids, in_counties_of, is_county_restricted


def follow(obj, path):
    """The value at the end of a `a__b__c` path from obj, or None where the path breaks."""
    return reduce(lambda current, name: getattr(current, name, None) if current is not None else None, path, obj)


class CountyScopedAdmin:
    """Everything the admin shows or changes goes through get_queryset() (changelist, search, autocomplete,
    actions, export) or through the object permissions below (change, delete and history views, reverts), so an
    object of another county is refused wherever it is asked for; a form cannot move an object into a county the
    editor does not have.

    `county_field` is the path from the model to its county (`region`, `attraction__region`); None: the model
    belongs to no county and is not narrowed (Border Tours, ports: their permissions decide who edits them).
    """

    county_field = "region"

    def get_queryset(self, request):
        return in_counties_of(request.user, super().get_queryset(request), self.county_field)

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
