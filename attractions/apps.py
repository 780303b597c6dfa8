from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttractionsConfig(AppConfig):
    name = "attractions"
    verbose_name = _("Attractions")
