from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagesConfig(AppConfig):
    name = "villages"
    verbose_name = _("Border villages")

    def ready(self):
        from listings import kinds

        from .filters import VillageFilterSet
        from .models import Village

        kinds.register(
            Village,
            list_url_name="villages:list",
            filterset_class=VillageFilterSet,
            is_place=True,
            in_sitemap=True,
            label=_("Village"),
        )
