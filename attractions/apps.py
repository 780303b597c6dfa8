from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttractionsConfig(AppConfig):
    name = "attractions"
    verbose_name = _("Attractions")

    def ready(self):
        from listings import kinds

        from .filters import AttractionFilterSet
        from .models import Attraction

        kinds.register(
            Attraction,
            list_url_name="attractions:list",
            filterset_class=AttractionFilterSet,
            is_place=True,
            in_sitemap=True,
            label=_("Attraction"),
        )
