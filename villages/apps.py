from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class VillagesConfig(AppConfig):
    name = "villages"
    verbose_name = _("Border villages")

    def ready(self):
        from listings import kinds
        from sharing import descriptions, structured_data

        from .filters import VillageFilterSet
        from .models import Village

        kinds.register(
            Village,
            list_url_name="villages:list",
            filterset_class=VillageFilterSet,
            is_place=True,
            in_sitemap=True,
            label=_("Village"),
            list_title=_("Border villages"),
            list_things=pgettext_lazy("inside a page title", "border villages"),
            list_label=_("Villages"),
            page_label=pgettext_lazy("kind of page", "Border village"),
            structured_data=structured_data.village,
            sentence=descriptions.village_sentence,
            schema_type="TouristDestination",
        )
