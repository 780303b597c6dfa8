from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("What's on")

    def ready(self):
        from listings import kinds

        from .models import Event

        # Its pages have link previews (sharing.views.preview_image); its list and pages are in the sitemap.
        kinds.register(Event, list_url_name="events:list", in_sitemap=True)
        # Kept in the cache by the state of the events' table (and the places' and counties', always read) and the
        # day: the coming events are asked again only when one is saved.
        kinds.register_place_section("events", events_at, reads=("events.Event",))


def events_at(place, today):
    """A place's page lists the coming events held there and across its county."""
    from .models import Event

    return {"events_here": list(Event.objects.published().for_place_page(place, today))}
