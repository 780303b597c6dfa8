"""Spreadsheet import and export of listings (django-import-export), with the same rules as the forms.

Every row goes through the model's full_clean() (position in the border area, no second listing of the
same name in a county, no negative price), a county editor can only import into their own counties, and
a file with one bad row saves nothing: the whole import runs in one transaction that is rolled back.
New listings come in as drafts; the status column is exported but never imported (publishing is a
publisher's decision).

Between the preview and the confirmation the uploaded file waits in the cache (Redis in production), under a
name made of the uploader's id and a random token: only that user can confirm it, no form field names a
path, and an abandoned file expires. Exports escape what a spreadsheet would run as a formula.
"""

import re
import secrets
from contextlib import contextmanager
from contextvars import ContextVar

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm
from import_export.tmp_storages import CacheStorage

from listings.models import Region, Status
from listings.roles import county_ids


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


# Files waiting between preview and confirmation ------------------------------------------------------

# The signed-in user of the import request being served. django-import-export builds its storage without
# the request (get_tmp_storage_class_kwargs() takes none), so SpreadsheetAdmin (admin/spreadsheets.py) sets it
# around each import view; a context variable is private to the thread (and task) serving that request.
importing_user = ContextVar("importing_user", default=None)
IMPORT_FILE_NAME = re.compile(r"(?P<user_id>[0-9]+)-[A-Za-z0-9_-]{32}")


@contextmanager
def importing_as(user):
    token = importing_user.set(user)
    try:
        yield
    finally:
        importing_user.reset(token)


def import_file_belongs_to(name, user):
    """True if `name` is a waiting import file of `user` (its id in the name, and still in the cache)."""
    match = IMPORT_FILE_NAME.fullmatch(name or "")
    if match is None or user is None or not user.is_authenticated or int(match["user_id"]) != user.pk:
        return False
    return cache.get(UserImportStorage.CACHE_PREFIX + name) is not None


class UserImportStorage(CacheStorage):
    """An uploaded spreadsheet between the preview and the confirmation: in the shared cache, never on disk,
    named `<user id>-<random token>`, readable only by that user, expiring after IMPORT_FILE_LIFETIME."""

    CACHE_PREFIX = "import-file:"

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user if user is not None else importing_user.get()

    def save(self, data):
        if self.user is None or not self.user.is_authenticated:
            raise ValueError("an import file needs the signed-in user who uploads it")
        self.name = f"{self.user.pk}-{secrets.token_urlsafe(24)}"
        cache.set(self.CACHE_PREFIX + self.name, data, settings.IMPORT_FILE_LIFETIME)

    def read(self):
        # The confirmation form checks this already; the storage holds even for a form that forgot to.
        if not import_file_belongs_to(self.name, self.user):
            raise ValueError("not an import file of this user")
        return super().read()


class UserConfirmImportForm(ConfirmImportForm):
    """The confirmation of an import: the file it names must be a waiting file of the signed-in user."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_import_file_name(self):
        name = self.cleaned_data["import_file_name"]
        if not import_file_belongs_to(name, self.user):
            raise forms.ValidationError(
                _("This file is no longer waiting to be imported (it was imported, or it expired). Upload it again."),
                code="expired",
            )
        return name


# Formulas --------------------------------------------------------------------------------------------

# What a spreadsheet program may run as a formula when a cell starts with it (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def escape_formula(value):
    """A text a spreadsheet would run, prefixed with ' so that it is shown as text; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return f"'{value}"
    return value


def unescape_formula(value):
    """The text before escape_formula(): a file exported here and imported again does not change the listing."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def map_cells(dataset, function):
    import tablib

    mapped = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        mapped.append([function(cell) for cell in row])
    return mapped


class FormulaSafeFormatMixin:
    """Exports escape formulas. Imports store such a cell as the text it is, not stripped, not refused: a
    name may rightly start with "-" or "@", the site shows it as text, and only a spreadsheet program runs
    it, so it is escaped on its way to one (every export). Only the ' that an export added is removed."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(map_cells(dataset, escape_formula), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        return map_cells(super().create_dataset(in_stream, **kwargs), unescape_formula)


class SpreadsheetCSV(FormulaSafeFormatMixin, base_formats.CSV):
    pass


class SpreadsheetXLSX(FormulaSafeFormatMixin, base_formats.XLSX):
    def create_dataset(self, in_stream, **kwargs):
        import io

        import openpyxl
        import tablib

        # Not data_only: a formula cell is imported as the formula's text, never as the value a spreadsheet
        # program computed and cached in the file.
        sheet = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=False).active
        rows = sheet.iter_rows(values_only=True)
        dataset = tablib.Dataset()
        dataset.headers = list(next(rows, ()))
        ignore_blanks = getattr(settings, "IMPORT_EXPORT_IMPORT_IGNORE_BLANK_LINES", False)
        for row in rows:
            if not ignore_blanks or any(value is not None for value in row):
                dataset.append(list(row))
        return map_cells(dataset, unescape_formula)
