from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutesConfig(AppConfig):
    name = "routes"
    verbose_name = _("Border Tours")

    def ready(self):
        from listings import kinds

        from .filters import RouteFilterSet
        from .models import Route

        kinds.register(Route, list_url_name="routes:list", filterset_class=RouteFilterSet, in_sitemap=True)
        kinds.register_place_section("routes", routes_stopping_at)


def routes_stopping_at(place, today):
    """A place's page lists the Border Tours that stop there."""
    from .models import Route

    return {"routes": Route.objects.published().stopping_at(place)}
