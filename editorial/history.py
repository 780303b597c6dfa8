"""Every change to a listing, photo, route or county is recorded (django-simple-history).

The history models are registered here, once the app registry is ready, rather than with a
`HistoricalRecords()` field in each models.py: modeltranslation adds the per-language columns
(`name_zh_hans`, `name_en`, …) after the models are built, and a history model made before that would
not keep the texts. The history tables still live in each content app (`attractions_historicalattraction`…),
with their migrations there.
"""

import simple_history
from django.apps import apps
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from listings.search import SearchableModel

# Derived from the names and texts, recomputed on every save: not worth keeping.
SEARCH_COLUMNS = list(SearchableModel.SEARCH_COLUMNS)

# (app label, model name, fields not worth keeping: derived from others)
TRACKED = [
    ("attractions", "Attraction", SEARCH_COLUMNS),
    ("attractions", "AttractionPhoto", []),
    ("attractions", "AttractionFact", []),
    ("villages", "Village", SEARCH_COLUMNS),
    ("villages", "VillagePhoto", []),
    ("villages", "Festival", []),
    ("villages", "VillageFact", []),
    ("routes", "Route", SEARCH_COLUMNS),
    ("routes", "RouteDay", []),
    ("routes", "RouteStop", []),
    ("routes", "RoutePhoto", []),
    ("corridor_portal", "Region", []),
    ("ports", "PortOfEntry", SEARCH_COLUMNS),
    ("ports", "BorderNote", []),
    ("ports", "PortFact", []),
    ("events", "Event", SEARCH_COLUMNS),
    ("stays", "Stay", SEARCH_COLUMNS),
    ("stays", "StayPhoto", []),
    ("advice", "TravelRule", []),
    ("hubs", "TransportHub", SEARCH_COLUMNS),
]


# The apps whose history leaves out modeltranslation's untranslated original columns (see below); the apps
# added to TRACKED later keep them, as their history tables were made with them.
WITHOUT_UNTRANSLATED_ORIGINALS = {"attractions", "villages", "routes", "corridor_portal", "stays", "hubs"}


def untranslated_originals(model):
    """The `name`, `summary`… columns modeltranslation keeps beside `name_zh_hans`, `name_en`…: the history
    keeps the per-language columns, so these would only repeat one of them (and show as noise in diffs)."""
    if model not in translator.get_registered_models():
        return []
    return sorted(translator.get_options_for_model(model).all_fields)


def register_models():
    for app_label, model_name, excluded in TRACKED:
        model = apps.get_model(app_label, model_name)
        if hasattr(model._meta, "simple_history_manager_attribute"):
            continue  # registered already (ready() can run twice in some test runners)
        if app_label in WITHOUT_UNTRANSLATED_ORIGINALS:
            excluded = [*excluded, *untranslated_originals(model)]
        simple_history.register(
            model,
            app=model._meta.app_config.name,
            excluded_fields=excluded,
            user_related_name="+",
            # The library's own name, "historical {}", is not translated: the admin showed "historical 边境游".
            verbose_name=format_lazy(_("historical {}"), model._meta.verbose_name),
            verbose_name_plural=format_lazy(_("historical {}"), model._meta.verbose_name_plural),
        )
