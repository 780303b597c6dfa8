"""A stored value as the editor's form shows it, for the pages that only show values: the history's list of
changes, a view-only listing, the import preview."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext, pgettext


def readable_value(field, value):
    """A stored value as the form showed it: a choice by its label, a list of choices by theirs, a box as
    yes or no; other values as they are."""
    if isinstance(field, ArrayField) and field.base_field.choices and isinstance(value, list):
        # In the choices' order, as the form's boxes and the public pages list them.
        choices = field.base_field.flatchoices
        labels = [str(label) for choice, label in choices if choice in value]
        unknown = [str(item) for item in value if item not in dict(choices)]
        return pgettext("list separator", ", ").join(labels + unknown)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.BooleanField) and value is not None:
        return gettext("Yes") if value else gettext("No")
    return value
