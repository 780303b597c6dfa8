"""The one admin base every kind of listing builds on, composed of named parts."""

from adminsortable2.admin import SortableAdminBase
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from listings.i18n import localized_columns

from .columns import ListingColumnsAdmin
from .history import GuardedHistoryAdmin
from .languages import LanguageTabsAdmin
from .photos import KeepsChosenPhotosAdmin
from .positions import PositionPickerAdmin
from .readonly import ReadableViewOnlyAdmin
from .review import ReviewWorkflowAdmin
from .scoping import CountyScopedAdmin
from .slugs import SlugChangeAdmin
from .workflow import PublishingWorkflowAdmin


def searchable_in_every_language(*fields):
    """search_fields covering each language's column of translated fields."""
    return [column for field in fields for column in localized_columns(field)]


# The listing-wide grade of the fact sheets is kept for the record; visitors see each source's own confidence.
SOURCES_HELP = _(
    "Visitors see each source's own confidence, derived from its kind and date (edit the source). "
    "The grade below comes from the fact sheets and cannot be typed in here."
)


class TranslatedTextsAdmin(LanguageTabsAdmin, SortableAdminBase, TabbedTranslationAdmin):
    """The form: one tab per language for the translated texts (Chinese first and open, each tab marked filled or
    still needed, or the four side by side), and inlines (photos, days) put in order by dragging a row."""


class ListingAdmin(
    ReviewWorkflowAdmin,
    ReadableViewOnlyAdmin,
    SlugChangeAdmin,
    CountyScopedAdmin,
    PositionPickerAdmin,
    PublishingWorkflowAdmin,
    ListingColumnsAdmin,
    GuardedHistoryAdmin,
    KeepsChosenPhotosAdmin,
    TranslatedTextsAdmin,
):
    """A listing's admin: review in one click (buttons by role; a county editor's change to a published listing
    waits as a pending revision), a changed slug keeps the old address, county editors see only their counties, only
    publishers publish, the changelist shows the photo, languages and last change, every change has a
    history with a guarded way back, a view-only page shows lists of choices by their labels, the photos
    chosen in a page that fails to save are kept for the next attempt, and the texts are edited per language."""

    readonly_fields = ("first_published_at", "created_at", "updated_at")
    save_on_top = True
