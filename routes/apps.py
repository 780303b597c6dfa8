from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RoutesConfig(AppConfig):
    name = "routes"
    verbose_name = _("Border Tours")

    def ready(self):
        from listings import kinds
        from sharing import descriptions, structured_data

        from .filters import RouteFilterSet
        from .models import Route

        kinds.register(
            Route,
            list_url_name="routes:list",
            filterset_class=RouteFilterSet,
            in_sitemap=True,
            list_title=_("Border Tours"),
            list_things=pgettext_lazy("inside a page title", "Border Tours"),
            list_label=_("Border Tours"),
            page_label=pgettext_lazy("kind of page", "Border Tour"),
            title_names_county=False,  # a tour spans several counties: its page's title is its own
            structured_data=structured_data.route,
            sentence=descriptions.tour_sentence,
        )
        # Kept by the state of the tours' tables: a stop added, moved or removed, a tour saved or unpublished.
        kinds.register_place_section(
            "routes", routes_stopping_at, reads=("routes.Route", "routes.RouteDay", "routes.RouteStop")
        )


def routes_stopping_at(place, today):
    """A place's page lists the Border Tours that stop there."""
    from .models import Route

    return {"routes": list(Route.objects.published().stopping_at(place))}
