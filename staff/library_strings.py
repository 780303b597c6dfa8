"""Texts of the admin's libraries that have no translation of their own in one of our languages.

Such a text would not stay English: Django falls back to the default language's catalogue, so a Korean or
Russian admin showed it in Chinese ("查看 %(verbose_name)s" on a Korean history page).

Only the tests import this module (staff/tests/test_library_strings.py: each text reads in every language):
`makemessages` finds the texts here, so `locale/` holds their translations, and LOCALE_PATHS come before the
libraries' own catalogues. Where a library translates a text itself, our catalogue leaves it to the library.
Not here: axes's "Cleaned up {count} expired access attempts." (an f-string, never translatable; the admin
leaves that action out, staff/admin.py).
"""

from django.utils.translation import gettext_noop, ngettext_lazy

LIBRARY_STRINGS = (
    # django.contrib.admin 5.2: the hidden headers of the index's tables, which screen readers read out.
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    # django-import-export: the export form's box that ticks every column.
    gettext_noop("Select all"),
    # django-axes 8.3 (no Chinese or Korean catalogue; its Russian one misses some): its admin and models.
    gettext_noop("Locked Out"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Not set"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Username"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("Access Attempt"),
    gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Logout Time"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    gettext_noop("Account locked: too many login attempts. Contact an admin to unlock your account."),
    # django-simple-history 3.13: the history list's column of changes, a deleted object's name. (Its Russian
    # catalogue is filed under ru_RU, which Django never reads for "ru".)
    gettext_noop("Changes"),
    gettext_noop("Deleted %(type_name)s"),
    # django-admin-sortable2 2.3 (no Chinese or Korean catalogue): the changelist's sorting actions.
    gettext_noop("Sort"),
    gettext_noop("Move selected to specific page"),
    gettext_noop("Move selected ... pages back"),
    gettext_noop("Move selected ... pages forward"),
    gettext_noop("Move selected to first page"),
    gettext_noop("Move selected to last page"),
    gettext_noop("Move to first position"),
    gettext_noop("Move to last position"),
    # django-import-export 4.4: texts newer than its catalogues.
    gettext_noop(
        "The following fields are declared in 'import_id_fields' but are not present in the resource fields: %s"
    ),
    gettext_noop("The following fields are declared in 'import_id_fields' but are not present in the file headers: %s"),
    gettext_noop("call to force_str() on instance failed: %s"),
    gettext_noop(
        "%(exc_name)s encountered while trying to read file. Ensure you have chosen the correct format for the file."
    ),
    gettext_noop("No valid data to import. Ensure your file has the correct headers or data for import."),
    gettext_noop("Value could not be parsed."),
    gettext_noop("use_natural_foreign_keys and key_is_id cannot both be True"),
    gettext_noop("Resource"),
    gettext_noop("Form is not validated, call `is_valid` first"),
    gettext_noop('Select at least 1 field for "%(resource_name)s" to export'),
    gettext_noop("export failed due to IllegalCharacterError"),
    # django-simple-history 3.13, which has no Korean catalogue: its history pages.
    gettext_noop("View history: %s"),
    gettext_noop('The %(name)s "%(obj)s" was changed successfully.'),
    gettext_noop("You may edit it again below"),
    gettext_noop("Revert %s"),
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("Revert"),
    gettext_noop("Change History"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("Choose a date from the list below to revert to a previous version of this object."),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("Object"),
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    # django-import-export 4.4: texts newer than its Korean catalogue.
    gettext_noop("Import finished: {} new, {} updated, {} deleted and {} skipped {}."),
    gettext_noop("Row"),
    gettext_noop("This exporter will export the following fields: "),
    # Django 5.2's admin: texts newer than its Simplified Chinese catalogue.
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("In case you’ve forgotten, you are:"),
)

# Texts with a plural, each with the name of its number.
LIBRARY_PLURALS = (
    # django-import-export 4.4: the export button of a changelist's selection.
    ngettext_lazy("Export %(len)s selected item.", "Export %(len)s selected items.", "len"),
    # Django 5.2's password validation: newer than its Simplified Chinese catalogue.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "len",
    ),
)
