from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubsConfig(AppConfig):
    name = "hubs"
    verbose_name = _("Getting there: airports and stations")

    def ready(self):
        from listings import kinds

        # The nearest hubs depend on the place's position and county and on the hubs and counties alone: kept in the
        # cache by those tables' state (building their window query cost a tenth of a place's page).
        kinds.register_place_section("hubs", nearest_hubs, reads=("hubs.TransportHub", "corridor_portal.Region"))


def nearest_hubs(place, today):
    """A place's page names the hubs nearest it, with the straight-line distance where both positions are known."""
    from .models import TransportHub

    return {"nearest_hubs": list(TransportHub.objects.published().nearest_to(place))}
