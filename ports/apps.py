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
        # A place's or a tour's facts box says how many border-area notes it has; the page lists them below.
        # Kept by the state of the notes' and ports' tables (a port's viewing spots too); a tour's page adds its own.
        kinds.register_page_section(
            "border_notes",
            border_notes_of,
            reads=("ports.BorderNote", "ports.PortOfEntry", "ports.PortOfEntry_viewing_attractions"),
        )


def border_notes_of(listing, today):
    """The published border-area notes of an attraction, village or Border Tour (with its stops' and counties')."""
    from .models import BorderNote

    return {"border_notes": list(BorderNote.objects.published().for_listing(listing))}
