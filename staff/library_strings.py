"""Texts of the admin's libraries that have no Simplified Chinese translation of their own.

Nothing imports this module: `makemessages` finds the texts here, so `locale/` holds their translations, and
LOCALE_PATHS come before the libraries' own catalogues. Korean and Russian reuse the libraries' wording.
"""

from django.utils.translation import gettext_noop

LIBRARY_STRINGS = (
    # django.contrib.admin 5.2: the hidden headers of the index's tables, which screen readers read out.
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    # django-import-export: the export form's box that ticks every column.
    gettext_noop("Select all"),
)
