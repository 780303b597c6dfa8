from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListingsConfig(AppConfig):
    """The shared listing core: counties, sources, the abstract listing and place, search, geometry."""

    name = "listings"
    # The tables, permissions and migration history were created when this core lived in the project package:
    # the label keeps them (corridor_portal_region, corridor_portal.change_region, …) unchanged.
    label = "corridor_portal"
    verbose_name = _("The G331 corridor")

    def ready(self):
        from corridor_portal import cache

        cache.connect_invalidation()  # cached pages go stale whenever content is saved or deleted
