"""Spreadsheet import and export of listings (django-import-export), with the same rules as the forms.

Every row goes through the model's full_clean() (position in the border area, no second listing of the
same name in a county, no negative price), a county editor can only import into their own counties, and
a file with one bad row saves nothing: the whole import runs in one transaction that is rolled back.
New listings come in as drafts; the status column is exported but never imported (publishing is a
publisher's decision).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from import_export import fields, resources, widgets

from corridor_portal.models import Region, Status

from .roles import county_ids


class CountyWidget(widgets.ForeignKeyWidget):
    """A county by its slug (jian, hunchun…), with a message naming the valid ones."""

    def __init__(self):
        super().__init__(Region, field="slug")

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip().lower()
        if not value:
            return None
        region = Region.objects.filter(slug=value).first()
        if region is None:
            slugs = ", ".join(Region.objects.along_corridor().values_list("slug", flat=True))
            raise ValueError(
                gettext("Unknown county “%(value)s”: use one of %(slugs)s.") % {"value": value, "slugs": slugs}
            )
        return region


class ChoicesWidget(widgets.Widget):
    """A list of choice values written "spring, autumn"."""

    def __init__(self, choices):
        super().__init__()
        self.choices = dict(choices)

    def clean(self, value, row=None, **kwargs):
        items = [item.strip().lower() for item in str(value or "").replace("，", ",").split(",") if item.strip()]
        unknown = [item for item in items if item not in self.choices]
        if unknown:
            raise ValueError(
                gettext("Unknown value(s) %(unknown)s: use %(valid)s, separated by commas.")
                % {"unknown": ", ".join(unknown), "valid": ", ".join(self.choices)}
            )
        return items

    def render(self, value, obj=None, **kwargs):
        return ", ".join(value or [])


class PlaceResource(resources.ModelResource):
    """What attractions and villages share in a spreadsheet: identified by slug, county by its slug."""

    region = fields.Field(attribute="region", column_name="county", widget=CountyWidget())
    status = fields.Field(attribute="status", column_name="status", readonly=True)

    class Meta:
        import_id_fields = ("slug",)
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def import_data(self, dataset, **kwargs):
        # All or nothing: a row refused by validation rolls the whole file back, not only a crashed one.
        kwargs["rollback_on_validation_errors"] = True
        self.user = kwargs.get("user") or self.user
        return super().import_data(dataset, **kwargs)

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        instance.status = Status.DRAFT
        return instance

    def import_instance(self, instance, row, **kwargs):
        stored_region_id = instance.region_id if instance.pk else None
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        allowed = county_ids(self.user) if self.user is not None else None
        if allowed is not None and "region" not in errors:
            if stored_region_id is not None and stored_region_id not in allowed:
                errors["region"] = [
                    gettext("“%(slug)s” belongs to a county you do not edit.") % {"slug": instance.slug}
                ]
            elif instance.region_id not in allowed:
                names = ", ".join(str(r) for r in Region.objects.filter(pk__in=allowed))
                errors["region"] = [
                    gettext("You can only import listings of your counties (%(names)s).") % {"names": names or "—"}
                ]
        if errors:
            raise ValidationError(errors)
