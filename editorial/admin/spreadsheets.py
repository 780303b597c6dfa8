"""Spreadsheet import and export in a listing's admin (the rules of an import: editorial/imports.py)."""

import logging
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm, SelectableFieldsExportForm
from import_export.results import RowResult
from modeltranslation.utils import build_localized_fieldname

from listings.i18n import DEFAULT_LANGUAGE

from ..imports import (
    CellError,
    SpreadsheetCSV,
    SpreadsheetXLSX,
    UnreadableFile,
    UserConfirmImportForm,
    UserImportStorage,
    importing_as,
    model_field_named,
)

logger = logging.getLogger(__name__)

# Rows that the confirmation imports: a file whose good rows are all unchanged has nothing to confirm.
CHANGING_ROWS = (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE)


@dataclass
class Cell:
    label: str
    value: object
    errors: list = field(default_factory=list)


@dataclass
class RowProblems:
    """A row refused by the preview, as the editor finds it in their spreadsheet program."""

    line: int  # the row's number in Excel or WPS: the header is line 1
    cells: list  # Cell per column of the file, in the file's order
    messages: list  # "Row 4, latitude: expected a number between 40.8 and 43.6 (you wrote “abc”)"


def spreadsheet_line(row_number):
    """The line a spreadsheet program shows for the library's row number (1 = the first row under the header)."""
    return row_number + 1


def describe_invalid_rows(resource, result):
    """Each refused row with its errors next to their columns and as sentences, in the active language."""
    columns = getattr(result, "column_names", [])  # the order of each row's values (PlaceResource.import_data)
    in_file = set(getattr(result, "file_column_names", columns))
    fields = resource.get_import_fields()
    column_of_attribute = {f.attribute: f.column_name for f in fields}
    label_of_column = {f.column_name: resource.column_label(f) for f in resource.get_export_fields()}
    model = resource._meta.model

    def label(column):
        if column in label_of_column:
            return label_of_column[column]
        model_field = model_field_named(model, column)
        return capfirst(str(model_field.verbose_name)) if model_field is not None else column

    described = []
    for row in result.invalid_rows:
        line = spreadsheet_line(row.number)
        errors = {}
        for key, texts in row.error_dict.items():
            column = NON_FIELD_ERRORS if key == NON_FIELD_ERRORS else column_of_attribute.get(key, key)
            if column not in in_file and build_localized_fieldname(column, DEFAULT_LANGUAGE) in in_file:
                # The model's check of a translated text ("name") is about its Chinese column (name_zh_hans).
                column = build_localized_fieldname(column, DEFAULT_LANGUAGE)
            errors.setdefault(column, []).extend(str(text) for text in texts)
        sentences = []
        for column, texts in errors.items():
            for text in texts:
                if column == NON_FIELD_ERRORS:
                    sentences.append(gettext("Row %(line)s: %(message)s") % {"line": line, "message": text})
                else:
                    sentences.append(
                        gettext("Row %(line)s, %(column)s: %(message)s")
                        % {"line": line, "column": label(column), "message": text}
                    )
        cells = [
            Cell(label(column), value, errors.get(column, []))
            for column, value in zip(columns, row.values, strict=False)
            if column in in_file
        ]
        described.append(RowProblems(line, cells, sentences))
    return described


def describe_errors(result):
    """What stopped a file, for the editor: our own messages as they are, anything unexpected as one sentence
    (its traceback goes to the server's log, not to the page)."""

    def message(error):
        if isinstance(error.error, CellError | UnreadableFile):
            return str(error.error)
        logger.error("An import failed: %r\n%s", error.error, getattr(error, "traceback", ""))
        return gettext(
            "An unexpected error stopped the import and nothing was saved. Please tell the site's technical team "
            "(the details are in the server's log)."
        )

    sentences = [message(error) for error in result.base_errors]
    for number, errors in result.row_errors():
        for error in errors:
            sentences.append(
                gettext("Row %(line)s: %(message)s") % {"line": spreadsheet_line(number), "message": message(error)}
            )
    return sentences


class ExportColumnsForm(SelectableFieldsExportForm):
    """The export page's column boxes, named by the headers the file will have (名称（中文）), not "Name Zh Hans"."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        if field is None or not hasattr(resource, "column_label"):
            return super()._get_field_label(resource, field_name)
        return resource().column_label(field)


class SpreadsheetAdmin(ImportExportMixin):
    """Import from and export to CSV and XLSX, as the signed-in editor (whose counties bound the import).

    The file waits between preview and confirmation in a storage of the signed-in user (editorial/imports.py).
    A file with some bad rows can still be confirmed: its good rows are imported, the bad ones are listed, row
    by row and column by column, for the editor to fix and upload again.
    """

    formats = [SpreadsheetCSV, SpreadsheetXLSX]
    tmp_storage_class = UserImportStorage
    confirm_form_class = UserConfirmImportForm
    export_form_class = ExportColumnsForm

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {"user": request.user}

    def get_confirm_form_kwargs(self, request, import_form=None):
        return {**super().get_confirm_form_kwargs(request, import_form), "user": request.user}

    def get_import_data_kwargs(self, **kwargs):
        confirming = isinstance(kwargs.get("form"), ConfirmImportForm)
        data_kwargs = super().get_import_data_kwargs(**kwargs)
        if confirming:
            # The editor saw the refused rows in the preview and confirmed: the good rows are imported.
            data_kwargs["rollback_on_validation_errors"] = False
        return data_kwargs

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, UnreadableFile):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                gettext(
                    "This file cannot be read as the format chosen. Check that the format (csv or xlsx) matches the "
                    "file, that it has one header row, and that every row has as many cells as the header."
                ),
            )

    def import_action(self, request, **kwargs):
        with importing_as(request.user):
            response = super().import_action(request, **kwargs)
            context = getattr(response, "context_data", None) or {}
            form = context.get("form")
            result = context.get("result")
            if result is not None and result.has_errors():
                context["import_errors"] = describe_errors(result)
            elif result is not None and form is not None and result.has_validation_errors():
                resource = self.choose_import_resource_class(form, request)(
                    **self.get_import_resource_kwargs(request, form=form, **kwargs)
                )
                context["import_problems"] = describe_invalid_rows(resource, result)
                changing = [row for row in result.valid_rows() if row.import_type in CHANGING_ROWS]
                context["importable_count"] = len(changing)
                if changing and not result.has_errors():
                    context["confirm_form"] = self.create_confirm_form(request, import_form=form)
        upload = getattr(form, "cleaned_data", {}).get("import_file")
        if "confirm_form" not in context and getattr(upload, "tmp_storage_name", None):
            # A refused preview is never confirmed: its file goes now, not only when it expires.
            UserImportStorage(name=upload.tmp_storage_name, user=request.user).remove()
        if "fields_list" in context:
            # The columns the import reads, by the headers an export writes in the editor's language.
            context["fields_list"] = [
                (resource.get_display_name(), [resource.column_label(f) for f in resource.get_user_visible_fields()])
                for resource in (
                    resource_class(**self.get_import_resource_kwargs(request, form=form, **kwargs))
                    for resource_class in self.get_import_resource_classes(request)
                )
            ]
        return response

    def process_import(self, request, **kwargs):
        with importing_as(request.user):
            return super().process_import(request, **kwargs)

    def add_success_message(self, result, request):
        super().add_success_message(result, request)
        if result.has_validation_errors():
            lines = "、".join(str(spreadsheet_line(row.number)) for row in result.invalid_rows)
            count = len(result.invalid_rows)
            messages.warning(
                request,
                ngettext(
                    "%(count)s row with errors was not imported (row %(lines)s of the file): fix it and upload it "
                    "again.",
                    "%(count)s rows with errors were not imported (rows %(lines)s of the file): fix them and upload "
                    "them again.",
                    count,
                )
                % {"count": count, "lines": lines},
            )
