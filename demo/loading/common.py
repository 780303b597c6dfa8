"""What every demo loader shares: reading the files, the translated columns, and writing rows idempotently.

A loader reads and checks all its files before it writes anything (a `DataCheck` names the folder at fault),
then writes inside `writing()`: one transaction, with the language of the plain columns active. `Writer` finds
a row by its lookup fields and saves it only when a field the files describe differs, so loading twice changes
nothing the second time; it counts what was created, updated and left unchanged.
"""

import contextlib
import csv
import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Model
from django.utils import translation

from demo.loading.sources import address_key
from listings.models import Source

DATA_ROOT = Path(__file__).resolve().parents[1] / "data"

# The language the plain (untranslated) column of a translated field holds.
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE

FIRST_SENTENCE = re.compile(r"^(.+?[.!?])\s+(?=[A-Z])(.*)$", re.DOTALL)


class DataError(CommandError):
    pass


class DataCheck:
    """`check(condition, message)` stops the loading, naming the data and its folder, when the condition fails."""

    def __init__(self, what, data_dir):
        self.what, self.data_dir = what, data_dir

    def __call__(self, condition, message):
        if not condition:
            self.fail(message)

    def fail(self, message):
        raise DataError(f"{self.what} in {self.data_dir}: {message}")


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def translated(name, zh, en="", ko="", ru=""):
    """The explicit language columns of a translated field; an unknown language stays empty."""
    return {f"{name}_zh_hans": zh or "", f"{name}_en": en or "", f"{name}_ko": ko or "", f"{name}_ru": ru or ""}


def split_summary(text):
    """The first sentence of a short English text, and the rest (often nothing)."""
    text = " ".join(text.split())
    match = FIRST_SENTENCE.match(text)
    return (match.group(1), match.group(2)) if match else (text, "")


def add_load_options(parser):
    """--update and --reset, the same for every demo loader."""
    parser.add_argument(
        "--update",
        action="store_true",
        help="Re-apply the files over existing demo rows (overwrites editors' changes to the fields the "
        "files describe). Idempotent.",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="Delete the demo rows this command loads (by their demo slugs; nothing staff made), then load them again.",
    )


@contextlib.contextmanager
def writing():
    """One transaction, with the plain columns of translated fields in the default language."""
    with translation.override(DEFAULT_LANGUAGE), transaction.atomic():
        yield


class Writer:
    """Writes rows only where they differ from the files, and counts created, updated and unchanged rows."""

    def __init__(self):
        self.tally = Counter()

    def summary(self):
        return f"created {self.tally['created']}, updated {self.tally['updated']}, unchanged {self.tally['unchanged']}"

    def write(self, model, lookup, values):
        """Create the row, or save it only when a field differs from the files.

        Returns the object and whether it was created and whether it was written.
        """
        obj = model.objects.filter(**lookup).first()
        created = obj is None
        if created:
            obj = model(**lookup)
        changed = created or not all(same(current_value(obj, name, value), value) for name, value in values.items())
        if changed:
            for name, value in values.items():
                setattr(obj, name, value)
            set_plain_columns(obj, values)
            self.validate(obj, lookup)
            obj.save()
        return obj, created, changed

    def validate(self, obj, lookup):
        try:
            obj.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise CommandError(f"{type(obj).__name__} {lookup}: {error}") from error

    def count(self, created, changed):
        self.tally["created" if created else "updated" if changed else "unchanged"] += 1

    def write_counted(self, model, lookup, values):
        obj, created, changed = self.write(model, lookup, values)
        self.count(created, changed)
        return obj

    def source_for_address(self, address):
        """The source a page address stands for (keyed by `address_key`), created when new; not counted."""
        return self.write(Source, {"key": address_key(address)}, {"citation": address})[0]

    def set_m2m(self, manager, objects):
        """Make a many-to-many set hold exactly these objects; returns whether it changed."""
        wanted = {obj.pk for obj in objects}
        if set(manager.values_list("pk", flat=True)) == wanted:
            return False
        manager.set(wanted)
        return True


def same(current, wanted):
    """Equal, counting an empty text and NULL as the same (translation columns are nullable)."""
    if current in (None, "") and wanted in (None, ""):
        return True
    if isinstance(current, Decimal) and wanted is not None:
        return current == Decimal(str(wanted))
    return current == wanted


def current_value(obj, name, wanted):
    """What the row holds now; a related row as itself only when the wanted value is one (no query)."""
    if isinstance(wanted, Model):
        return wanted if getattr(obj, obj._meta.get_field(name).attname) == wanted.pk else None
    return getattr(obj, name)


def set_plain_columns(obj, values):
    """The plain column of a translated field holds the Chinese text, as modeltranslation expects."""
    for name, value in values.items():
        if name.endswith("_zh_hans"):
            setattr(obj, name.removesuffix("_zh_hans"), value)
