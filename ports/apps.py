from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortsConfig(AppConfig):
    name = "ports"
    verbose_name = _("Ports of entry and border-area notes")

    def ready(self):
        from listings import kinds

        from .models import PortOfEntry

        # Its pages have link previews (sharing.views.preview_image); its list and pages are in the sitemap.
        kinds.register(PortOfEntry, list_url_name="ports:list", in_sitemap=True)
