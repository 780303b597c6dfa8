"""Spreadsheet import and export of listings (django-import-export), with the same rules as the forms.

Made for Chinese offices: a CSV may be UTF-8 (with or without a BOM) or GB18030/GBK as Chinese Excel saves it,
a county may be written by its Chinese name, pinyin or slug, the headers are written in the editor's language
(名称（中文）…) and read in any language or as the field names, and a cell that cannot be read says what it
should hold, in the editor's language.

Every row goes through the model's full_clean() (position in the border area, no second listing of the
same name in a county, no negative price), and a county editor can only import into their own counties. The
resource alone is all or nothing (a file with one bad row saves nothing: one transaction, rolled back); the
admin shows the bad rows in its preview and its confirmation imports the good ones (admin/spreadsheets.py).
New listings come in as drafts; the status column is exported but never imported (publishing is a
publisher's decision).

Between the preview and the confirmation the uploaded file waits in the cache (Redis in production), under a
name made of the uploader's id and a random token: only that user can confirm it, no form field names a
path, and an abandoned file expires. Exports escape what a spreadsheet would run as a formula.
"""

import codecs
import re
import secrets
from contextlib import contextmanager
from contextvars import ContextVar

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm
from import_export.results import Error, RowResult
from import_export.tmp_storages import CacheStorage

from editorial.labels import readable_value
from listings.geometry import JILIN_LATITUDE_RANGE, JILIN_LONGITUDE_RANGE
from listings.i18n import localized_columns
from listings.models import Region, Status
from listings.roles import county_ids
from listings.search import compact_pinyin_query, pinyin_for_search


class CellError(ValueError):
    """A cell that cannot be read, with a message for the editor: what the cell should hold, and what it holds."""


# Counties ------------------------------------------------------------------------------------------------

# What a county's Chinese name may end with in a spreadsheet: 图们市 and 图们 are the same county.
COUNTY_NAME_SUFFIXES = ("朝鲜族自治县", "满族自治县", "自治县", "市", "县", "区")


CHINESE = re.compile(r"[\u4e00-\u9fff]")


def lookup_key(text):
    """A text as a lookup compares it: no spaces, apostrophes or hyphens, lower case (Ji'an = jian = JIAN)."""
    return compact_pinyin_query(("" if text is None else str(text)).strip())


def county_keys(region):
    """Every way a spreadsheet may name `region`: its slug, its name in each language with or without 市/县,
    and the pinyin of its Chinese name (Tumen, tumen)."""
    keys = {lookup_key(region.slug)}
    for name in filter(None, (getattr(region, column) for column in localized_columns("name"))):
        keys.add(lookup_key(name))
        short = without_county_suffix(name)
        keys.add(lookup_key(short))
        if CHINESE.search(short):
            keys.add(pinyin_for_search(short).rsplit(" ", 1)[-1])  # "tu men tumen": the run-together form
    return keys - {""}


def without_county_suffix(name):
    """图们市 -> 图们: the Chinese name of a county without what it is (市, 县…)."""
    return next((name[: -len(end)] for end in COUNTY_NAME_SUFFIXES if name.endswith(end) and name != end), name)


class CountyWidget(widgets.ForeignKeyWidget):
    """A county by its Chinese name (图们, 图们市), its pinyin (Tumen) or its slug (tumen); exported as its slug."""

    def __init__(self):
        super().__init__(Region, field="slug")
        # Every county with the ways it may be written, read once per import: each resource works on its own
        # copy of its fields (import-export deep-copies them), so a county renamed since is never missed.
        self.counties = None

    def find_county(self, text):
        """The county a spreadsheet cell names, by Chinese name, pinyin or slug; None if none (or two) match."""
        if self.counties is None:
            self.counties = [(region, county_keys(region)) for region in Region.objects.all()]
        written = {lookup_key(text), lookup_key(without_county_suffix(str(text).strip()))}
        matches = [region for region, keys in self.counties if written & keys]
        return matches[0] if len(matches) == 1 else None

    def clean(self, value, row=None, **kwargs):
        if not str(value or "").strip():
            return None
        region = self.find_county(value)
        if region is None:
            known = "、".join(f"{county}（{county.slug}）" for county in Region.objects.along_corridor())
            raise CellError(
                gettext(
                    "there is no county “%(value)s”. Write its Chinese name (图们 or 图们市), its pinyin (Tumen) or "
                    "its slug (tumen); the counties are: %(known)s."
                )
                % {"value": str(value).strip(), "known": known or "—"}
            )
        return region


# Cells ---------------------------------------------------------------------------------------------------

YES_WORDS = {"1", "true", "yes", "y", "是", "对", "√", "✓"}
NO_WORDS = {"0", "false", "no", "n", "否", "不", "不是", "×", "✗"}


def choice_value(choices, text):
    """The value of the choice a cell names by its value (natural) or its label in any language (自然风光)."""
    key = lookup_key(text)
    for value, label in choices.items():
        if key == lookup_key(value) or any(key == lookup_key(name) for name in labels_in_every_language(label)):
            return value
    return None


def labels_in_every_language(label):
    names = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.append(str(label))
    return names


def describe_choices(choices):
    """natural（自然风光）、historical（历史文化）…: the values with their labels in the reader's language."""
    return "、".join(f"{value}（{label}）" for value, label in choices.items())


def expected_value(model_field):
    """What a cell of `model_field` should hold, as the end of "Row 3, latitude: expected …"."""
    if isinstance(model_field, models.BooleanField):
        return gettext("expected 是 or 否 (or 1 / 0, yes / no)")
    if model_field.choices:
        return gettext("expected one of %(choices)s") % {"choices": describe_choices(dict(model_field.choices))}
    bounds = {"latitude": JILIN_LATITUDE_RANGE, "longitude": JILIN_LONGITUDE_RANGE}.get(model_field.name)
    if bounds is None:
        lows = [v.limit_value for v in model_field.validators if isinstance(v, MinValueValidator)]
        if isinstance(model_field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
            lows.append(0)
        if lows:
            bounds = (max(lows), None)
    if isinstance(model_field, models.IntegerField):
        if bounds:
            return gettext("expected a whole number of at least %(low)s") % {"low": bounds[0]}
        return gettext("expected a whole number")
    if isinstance(model_field, models.FloatField | models.DecimalField):
        if bounds and bounds[1] is not None:
            return gettext("expected a number between %(low)s and %(high)s") % {"low": bounds[0], "high": bounds[1]}
        if bounds:
            return gettext("expected a number of at least %(low)s") % {"low": bounds[0]}
        return gettext("expected a number")
    return gettext("this value cannot be read")


def cell_error(model_field, value):
    return CellError(
        gettext("%(expected)s (you wrote “%(value)s”)") % {"expected": expected_value(model_field), "value": value}
    )


class ChoicesWidget(widgets.Widget):
    """A list of choice values written "spring, autumn"."""

    def __init__(self, choices):
        super().__init__()
        self.choices = dict(choices)

    def clean(self, value, row=None, **kwargs):
        written = [item.strip() for item in re.split(r"[,，、;；]", str(value or "")) if item.strip()]
        items = [choice_value(self.choices, item) for item in written]
        unknown = [item for item, choice in zip(written, items, strict=True) if choice is None]
        if unknown:
            raise CellError(
                gettext("Unknown value(s) %(unknown)s: use %(valid)s, separated by commas.")
                % {"unknown": ", ".join(unknown), "valid": describe_choices(self.choices)}
            )
        return items

    def render(self, value, obj=None, **kwargs):
        return ", ".join(value or [])


# The preview's diff (diff-match-patch's HTML) colours its <ins> and <del> with style attributes, which the
# Content-Security-Policy blocks: static/css/admin-imports.css colours them. Cell texts in it are escaped, so
# "<ins style=" only ever starts a tag of the diff.
DIFF_TAG_STYLE = re.compile(r'<(ins|del|span) style="[^"<>]*">')


def without_inline_styles(html):
    return mark_safe(DIFF_TAG_STYLE.sub(r"<\1>", html)) if html else html  # noqa: S308 - the library's safe HTML


# Column headers ------------------------------------------------------------------------------------------

# The language a translated column holds, as its header says it: 名称（中文）, Name (English).
COLUMN_LANGUAGES = {
    "zh-hans": pgettext_lazy("language of a spreadsheet column", "Chinese"),
    "en": pgettext_lazy("language of a spreadsheet column", "English"),
    "ko": pgettext_lazy("language of a spreadsheet column", "Korean"),
    "ru": pgettext_lazy("language of a spreadsheet column", "Russian"),
}


def header_key(header):
    """A header as a lookup compares it: （ and ( alike, no spaces, lower case."""
    text = str(header or "").replace("（", "(").replace("）", ")")
    return re.sub(r"\s+", "", text).casefold()


def model_field_named(model, name):
    try:
        return model._meta.get_field(name or "")
    except FieldDoesNotExist:
        return None


def model_field_of(model, field):
    """The model field a resource field reads and writes, or None."""
    return model_field_named(model, field.attribute)


def column_label(model, field):
    """A spreadsheet column's header in the active language: the model field's name, with the language of a
    translated one (名称（中文）); the column name when the column is no model field."""
    model_field = model_field_of(model, field)
    if model_field is None:
        return str(field.column_name)
    language = getattr(model_field, "language", None)  # modeltranslation's field of one language
    name = capfirst(str(model_field.translated_field.verbose_name if language else model_field.verbose_name))
    if language in COLUMN_LANGUAGES:
        return gettext("%(name)s (%(language)s)") % {"name": name, "language": COLUMN_LANGUAGES[language]}
    return name


def shown_in_preview(resource, field, instance):
    """A cell of the import preview as the editor reads it: a choice by its label (春季、秋季, 自然风光), yes or no;
    other values (texts, numbers, the county) as the spreadsheet holds them."""
    model_field = model_field_of(resource._meta.model, field)
    if model_field is None or not field.attribute:
        return field.export(instance)
    value = field.get_value(instance)
    readable = readable_value(model_field, value)
    return field.export(instance) if readable is value else readable


def preview_values(resource, instance):
    return [shown_in_preview(resource, field, instance) for field in resource.get_import_fields()]


class LabelledDiff(resources.Diff):
    """The preview's before and after, labels instead of stored values (the export keeps the values). The
    library's Diff reads the values through `Diff._read_field_values` by name, so both readings are replaced."""

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.left = preview_values(resource, instance)

    def compare_with(self, resource, instance):
        self.right = preview_values(resource, instance)


class PlaceResource(resources.ModelResource):
    """What attractions and villages share in a spreadsheet: identified by slug, county by its slug."""

    region = fields.Field(attribute="region", column_name="county", widget=CountyWidget())
    status = fields.Field(attribute="status", column_name="status", readonly=True)

    def get_diff_class(self):
        return LabelledDiff

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
        # All or nothing unless the caller says otherwise: a row refused by validation rolls the whole file
        # back, not only a crashed one. The admin's confirmation imports the good rows of a previewed file
        # (SpreadsheetAdmin.get_import_data_kwargs), whose bad rows the editor has seen and can fix later.
        kwargs.setdefault("rollback_on_validation_errors", True)
        self.user = kwargs.get("user") or self.user
        dataset = self.with_column_names(dataset)
        missing = [name for name in self.get_import_id_fields() if name not in (dataset.headers or [])]
        if missing:
            # The library's own refusal is an English FieldError with a traceback: say which column to add.
            result = self.get_result_class()()
            for name in missing:
                message = gettext(
                    "The file has no column “%(header)s”: it finds the listing that a row updates, or names a new "
                    "one. Add this column (its header: %(header)s, or %(name)s) and upload the file again."
                ) % {"header": self.column_label(self.fields[name]), "name": name}
                result.append_base_error(Error(UnreadableFile(message)))
            return result
        result = super().import_data(dataset, **kwargs)
        # The rows of the result hold their cells in the order of diff_headers, looked up by column name: the
        # headers are shown in the reader's language only now. The file's own columns tell which cells it has.
        result.column_names, result.file_column_names = list(result.diff_headers), list(dataset.headers or [])
        result.diff_headers = [self.column_label(field) for field in self.get_import_fields()]
        for row in result.rows:
            if row.diff:
                row.diff = [without_inline_styles(html) for html in row.diff]
        return result

    # Column headers: written in the reader's language, read in any -------------------------------------

    def column_label(self, field):
        """The header of `field` in the active language: 名称（中文）, 纬度, 县（市）…"""
        return column_label(self._meta.model, field)

    def get_export_headers(self, selected_fields=None):
        return [self.column_label(field) for field in self.get_export_fields(selected_fields) if field]

    def header_names(self):
        """{header as lookup_key() writes it: column name} for the column names and their labels in every
        language: a file exported in Russian imports for a Chinese editor, and old files with names still do."""
        names = {}
        for field in self.get_export_fields():
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    names.setdefault(header_key(self.column_label(field)), field.column_name)
        for field in self.get_export_fields():
            names[header_key(field.column_name)] = field.column_name
        return names

    def with_column_names(self, dataset):
        """`dataset` with each header it knows replaced by its column name (名称（中文） -> name_zh_hans)."""
        if not dataset.headers:
            return dataset
        names = self.header_names()
        dataset.headers = [names.get(header_key(header), header) for header in dataset.headers]
        return dataset

    # Cells ----------------------------------------------------------------------------------------------

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """Reads a cell as an editor wrote it (是/否, a choice by its label), and says what a cell that cannot be
        read should hold instead of the library's message (or a crash: a Decimal's error is no ValueError)."""
        model_field = model_field_of(self._meta.model, field)
        if model_field is None or field.column_name not in row or field.readonly:
            return super().import_field(field, instance, row, is_m2m, **kwargs)
        raw = row[field.column_name]
        written = "" if raw is None else str(raw).strip()
        if "\x00" in written:  # PostgreSQL stores no NUL character: a cell error, not a crash of the row
            raise CellError(
                gettext("this cell holds an invisible NUL character: delete the cell's content and type it again")
            )
        if isinstance(model_field, models.BooleanField):
            if lookup_key(written) in YES_WORDS:
                row = {**row, field.column_name: "1"}
            elif lookup_key(written) in NO_WORDS or not written:
                row = {**row, field.column_name: "0"}
            else:
                raise cell_error(model_field, written)
        elif model_field.choices and written and not isinstance(field.widget, ChoicesWidget):
            choice = choice_value(dict(model_field.choices), written)
            if choice is None:
                raise cell_error(model_field, written)
            row = {**row, field.column_name: str(choice)}
        try:
            super().import_field(field, instance, row, is_m2m, **kwargs)
        except CellError:
            raise
        except (ValueError, TypeError, ArithmeticError) as error:
            raise cell_error(model_field, written) from error
        if model_field.null and getattr(instance, field.attribute, None) == "":
            # An empty cell of a text that may be missing (a translation not written yet) is stored as missing,
            # as the admin's form stores it: a file exported and imported again changes nothing.
            setattr(instance, field.attribute, None)

    def import_row(self, row, instance_loader, **kwargs):
        # Excel leaves rows of empty cells (",,,,") under the data: skipped, not refused as listings without a name.
        if not any(str(value).strip() for value in row.values() if value is not None):
            row_result = self.get_row_result_class()()
            row_result.import_type = RowResult.IMPORT_TYPE_SKIP
            return row_result
        return super().import_row(row, instance_loader, **kwargs)

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


class UnreadableFile(ValueError):
    """A file that cannot be read as the format chosen; the message says what to do (SpreadsheetAdmin shows it
    under the file field)."""


# Excel saves a CSV as UTF-8 (with a BOM: "CSV UTF-8") or, in Chinese Windows, in the ANSI code page: GBK,
# which GB18030 contains (as it contains GB2312). UTF-8 is tried first: a UTF-8 text is seldom also valid GB18030
# of the same meaning, while many GB18030 texts are invalid UTF-8.
CSV_ENCODINGS = ("utf-8-sig", "gb18030")


def decode_csv(data):
    """The text of an uploaded CSV file, in UTF-8 (with or without a BOM) or GB18030/GBK."""
    if isinstance(data, str):
        return data
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text", no CSV
        raise UnreadableFile(NOT_A_CSV_TEXT_MESSAGE)
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(NOT_A_CSV_TEXT_MESSAGE)


NOT_A_CSV_TEXT_MESSAGE = _(
    "This file cannot be read as a CSV file: it is neither UTF-8 nor GB18030/GBK text. In Excel or WPS choose "
    "“Save as” → “CSV UTF-8 (comma delimited)”, or save it as an Excel workbook (.xlsx) and choose the format "
    "xlsx, then upload it again."
)


class SpreadsheetCSV(FormulaSafeFormatMixin, base_formats.CSV):
    """CSV in UTF-8 with or without a BOM, or in GB18030/GBK as Chinese Excel saves it."""

    def create_dataset(self, in_stream, **kwargs):
        return super().create_dataset(decode_csv(in_stream), **kwargs)


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
