from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AttractionsConfig(AppConfig):
    name = "attractions"
    verbose_name = _("Attractions")

    def ready(self):
        from listings import kinds
        from sharing import descriptions, structured_data

        from .filters import AttractionFilterSet
        from .models import Attraction

        kinds.register(
            Attraction,
            list_url_name="attractions:list",
            filterset_class=AttractionFilterSet,
            is_place=True,
            in_sitemap=True,
            label=_("Attraction"),
            list_title=_("Attractions along the G331"),
            list_things=pgettext_lazy("inside a page title", "attractions"),
            list_label=_("Attractions"),
            page_label=pgettext_lazy("kind of page", "Attraction"),
            structured_data=structured_data.attraction,
            sentence=descriptions.attraction_sentence,
            schema_type="TouristAttraction",
        )
