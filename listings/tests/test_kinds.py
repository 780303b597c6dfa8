"""The kinds of listing come from one registry, filled by their apps: the core never names them."""

from django.db.models import CASCADE, PROTECT

from attractions.models import Attraction
from events.models import Event
from listings import kinds
from listings.places import AtPlace
from ports.models import BorderNote, PortOfEntry
from routes.models import Route, RouteStop
from stays.models import Stay
from villages.models import Village


def test_the_kinds_come_in_the_order_of_the_installed_apps():
    assert [kind.model for kind in kinds.listing_kinds()] == [Attraction, Village, Route, PortOfEntry, Event, Stay]


def test_the_places_are_the_attraction_and_the_village():
    assert kinds.place_models() == [Attraction, Village]


def test_a_place_page_shows_the_sections_of_hubs_routes_events_and_stays():
    assert [section.name for section in kinds.place_sections()] == ["hubs", "routes", "events", "stays"]


def test_a_row_or_a_model_knows_its_kind():
    assert kinds.kind_of(Village).name == "villages"
    assert kinds.kind_of(Village(slug="x")).model is Village
    assert kinds.kind_of(BorderNote) is None


def test_what_is_at_a_place_keeps_its_related_names_and_what_deleting_the_place_does():
    for model, related_name, on_delete in (
        (RouteStop, "route_stops", PROTECT),
        (Event, "events", PROTECT),
        (BorderNote, "border_notes", CASCADE),
    ):
        assert issubclass(model, AtPlace)
        for name in AtPlace.PLACE_FIELDS:
            field = model._meta.get_field(name)
            assert field.remote_field.related_name == related_name
            assert field.remote_field.on_delete is on_delete


def test_a_stop_is_put_at_one_place():
    stop = RouteStop()
    village = Village(pk=5)
    stop.put_at(village)
    assert stop.place is village
    assert stop.attraction is None
    assert stop.place_field_name == "village"
