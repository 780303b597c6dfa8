"""Spreadsheet import and export in a listing's admin (the rules of an import: editorial/imports.py)."""

from import_export.admin import ImportExportMixin

from ..imports import SpreadsheetCSV, SpreadsheetXLSX, UserConfirmImportForm, UserImportStorage, importing_as


class SpreadsheetAdmin(ImportExportMixin):
    """Import from and export to CSV and XLSX, as the signed-in editor (whose counties bound the import).

    The file waits between preview and confirmation in a storage of the signed-in user (editorial/imports.py).
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
