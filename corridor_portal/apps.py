from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorridorPortalConfig(AppConfig):
    name = "corridor_portal"
    verbose_name = _("The G331 corridor")

    def ready(self):
        from . import cache, signals

        signals.connect()
        cache.connect_invalidation()  # cached pages go stale whenever content is saved or deleted
