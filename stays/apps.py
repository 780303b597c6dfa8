from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StaysConfig(AppConfig):
    name = "stays"
    verbose_name = _("Places to stay")

    def ready(self):
        from listings import kinds

        from . import structured_data
        from .filters import StayFilterSet
        from .models import Stay

        # Not a place other listings stop at or lie near (is_place stays False): a Border Tour's stops and the
        # "Nearby" lists are attractions and villages; a village's page lists its stays in a section of its own.
        kinds.register(
            Stay,
            list_url_name="stays:list",
            filterset_class=StayFilterSet,
            in_sitemap=True,
            label=_("Place to stay"),
            list_title=_("Places to stay along the G331"),
            list_things=pgettext_lazy("inside a page title", "places to stay"),
            list_label=_("Places to stay"),
            page_label=pgettext_lazy("kind of page", "Place to stay"),
            structured_data=structured_data.stay,
            schema_type="LodgingBusiness",
        )
        # Kept by the state of the stays' table (the places' and counties' are always read).
        kinds.register_place_section("stays", stays_at, reads=("stays.Stay",))
        kinds.register_places_to_stay_count(stays_in_county)


def stays_in_county(region):
    """How many published places to stay a county has: a list of its attractions or villages links them."""
    from .models import Stay

    return Stay.objects.published().filter(region=region).count()


def stays_at(place, today):
    """A village's page lists the places to stay in it; an attraction's, those with a known position near it."""
    from listings.nearby_filters import DEFAULT_NEARBY_RADIUS_KM
    from villages.models import Village

    from .models import Stay

    stays = Stay.objects.published().select_related("region")
    if isinstance(place, Village):
        return {"stays_here": list(stays.in_village(place)), "stays_are_near": False}
    return {"stays_here": list(stays.near(place, DEFAULT_NEARBY_RADIUS_KM)[:6]), "stays_are_near": True}
