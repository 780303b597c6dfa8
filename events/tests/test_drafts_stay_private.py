"""No path publishes or shows an unpublished place: events, border-area notes, Border Tours' stops, ports' viewpoints
and search keep a draft's name, address and link private, in every language."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from attractions.tests.factories import make_attraction
from corridor_portal import clock
from events.models import Event
from events.tests.factories import make_event
from listings.models import Status
from listings.tests.factories import make_region
from ports.models import BorderNote
from ports.tests.factories import make_port
from routes.tests.factories import make_route
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

LANGUAGES = ["", "/en", "/ko", "/ru"]
# What a draft says about itself, in each language: none of it may reach a visitor.
SECRET_NAMES = {
    "name_zh_hans": "秘密草稿景点",
    "name_en": "Secret Draft Gorge",
    "name_ko": "비밀초안협곡",
    "name_ru": "Секретное ущелье",
    "address": "秘密路88号",
}


def shows_a_secret(content):
    return [secret for secret in SECRET_NAMES.values() if secret in content]


@pytest.fixture(autouse=True)
def in_june(set_day):
    set_day(datetime.date(2027, 6, 1))


@pytest.fixture
def hunchun():
    return make_region("hunchun", name_zh_hans="珲春市", name_en="Hunchun")


@pytest.fixture
def unpublished_later(hunchun):
    """An event published at an attraction that was unpublished afterwards (the admin's unpublish action)."""
    gorge = make_attraction(region=hunchun, slug="secret-gorge", **SECRET_NAMES)
    event = make_event(attraction=gorge, slug="gorge-festival", name_en="Gorge Festival", usual_month_start=6)
    gorge.status = Status.DRAFT
    gorge.save()
    return event


# Publishing ---------------------------------------------------------------------------------------------------


def event_form(place_field, place, status=Status.PUBLISHED):
    return {
        "name_zh_hans": "峡谷节",
        "name_en": "Gorge Festival",
        "slug": "gorge-festival",
        "kind": "festival",
        "status": status,
        "recurrence": "annual",
        "usual_month_start": "6",
        place_field: place.pk,
    }


def test_an_event_at_a_draft_attraction_cannot_be_published_and_the_editor_reads_why(admin_client, hunchun):
    gorge = make_attraction(region=hunchun, status=Status.DRAFT, **SECRET_NAMES)
    response = admin_client.post(reverse("admin:events_event_add"), event_form("attraction", gorge))
    assert response.status_code == 200
    content = response.content.decode()
    assert "“秘密草稿景点”尚未发布" in content  # the place named, in the admin's language
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "“Secret Draft Gorge” is not published yet"),
        ("ko", "“비밀초안협곡”은(는) 아직 게시되지"),
        ("ru", "«Секретное ущелье» ещё не опубликовано"),
    ],
)
def test_the_refusal_names_the_place_in_the_editors_language(hunchun, language, expected):
    gorge = make_attraction(region=hunchun, status=Status.DRAFT, **SECRET_NAMES)
    event = Event(name="Gorge Festival", slug="gorge-festival", kind="festival", attraction=gorge)
    event.status = Status.PUBLISHED
    with translation.override(language), pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert expected in " ".join(refused.value.message_dict["attraction"])


def test_an_event_at_a_village_in_review_cannot_be_published_but_can_be_saved_as_a_draft(admin_client, hunchun):
    village = make_village(region=hunchun, status=Status.IN_REVIEW)
    refused = admin_client.post(reverse("admin:events_event_add"), event_form("village", village))
    assert refused.status_code == 200 and not Event.objects.exists()
    saved = admin_client.post(reverse("admin:events_event_add"), event_form("village", village, Status.DRAFT))
    assert saved.status_code == 302
    assert Event.objects.get().status == Status.DRAFT


def test_the_publish_action_refuses_an_event_at_a_draft_place(admin_client, hunchun):
    gorge = make_attraction(region=hunchun, status=Status.DRAFT, **SECRET_NAMES)
    event = make_event(attraction=gorge, status=Status.DRAFT)
    admin_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish", "_selected_action": [event.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    event.refresh_from_db()
    assert event.status == Status.DRAFT


def test_an_event_at_a_published_place_is_published():
    event = make_event(attraction=make_attraction(), status=Status.DRAFT)
    event.status = Status.PUBLISHED
    event.full_clean()
    assert event.publication_problems() == []


# An event whose place was unpublished afterwards: shown at its county -------------------------------------------


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_the_event_page_shows_the_county_not_the_unpublished_place(client, unpublished_later, prefix):
    response = client.get(f"{prefix}{unpublished_later.get_absolute_url()}")
    assert response.status_code == 200
    content = response.content.decode()
    assert shows_a_secret(content) == []
    assert "secret-gorge" not in content
    assert "/counties/hunchun/" in content  # where it is, as far as visitors may know: its county's page


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_lists_home_page_and_search_show_the_event_without_the_unpublished_place(client, unpublished_later, prefix):
    for path in ("/events/", "/", "/search/?q=Gorge"):
        response = client.get(f"{prefix}{path}")
        assert response.status_code == 200, path
        content = response.content.decode()
        assert "gorge-festival" in content, path
        assert shows_a_secret(content) == [] and "secret-gorge" not in content, path
    # Searching for the place's own names finds neither it nor the event.
    for name in ("秘密草稿景点", "Secret Draft Gorge", "비밀초안협곡", "Секретное"):
        content = client.get(f"{prefix}/search/", {"q": name}).content.decode()
        assert "gorge-festival" not in content and "secret-gorge" not in content, name


def test_calendar_files_name_the_county_not_the_unpublished_place(client, unpublished_later):
    # A calendar file holds announced dates only (an event known by its usual month has none).
    unpublished_later.starts_on = clock.today() + datetime.timedelta(days=30)
    unpublished_later.save()
    for url in (reverse("events:ics", kwargs={"slug": unpublished_later.slug}), reverse("events:feed")):
        response = client.get(url)
        assert response.status_code == 200
        content = response.content.decode()
        assert "Gorge Festival" in content or "峡谷" in content or "gorge-festival" in content
        assert shows_a_secret(content.replace("\r\n ", "")) == []
        assert "LOCATION:珲春市" in content


def test_a_published_place_still_shows_on_its_event(client, hunchun):
    gorge = make_attraction(region=hunchun, **SECRET_NAMES)
    event = make_event(attraction=gorge)
    content = client.get(event.get_absolute_url()).content.decode()
    assert gorge.get_absolute_url() in content and "秘密草稿景点" in content


# Border-area notes -----------------------------------------------------------------------------------------------


def test_a_note_on_a_draft_attraction_cannot_be_published(hunchun):
    gorge = make_attraction(region=hunchun, status=Status.DRAFT, **SECRET_NAMES)
    note = BorderNote(text="Bring your passport.", attraction=gorge, status=Status.PUBLISHED)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        note.full_clean()
    assert "Secret Draft Gorge" in str(refused.value)
    note.status = Status.DRAFT
    note.full_clean()  # a draft note may wait for its place


def test_the_publish_action_refuses_a_note_on_a_draft_port(admin_client, hunchun):
    port = make_port(region=hunchun, status=Status.DRAFT)
    note = BorderNote.objects.create(text="Photography forbidden.", port=port, status=Status.DRAFT)
    admin_client.post(
        reverse("admin:ports_bordernote_changelist"), {"action": "publish", "_selected_action": [note.pk]}
    )
    note.refresh_from_db()
    assert note.status == Status.DRAFT


def test_a_county_note_is_published_like_before(hunchun):
    note = BorderNote(text="Border-area pass needed.", region=hunchun, status=Status.PUBLISHED)
    note.full_clean()


# Border Tours and ports -------------------------------------------------------------------------------------------


def test_a_published_tour_never_shows_or_links_a_stop_unpublished_since(client, hunchun):
    gorge = make_attraction(region=hunchun, slug="secret-gorge", **SECRET_NAMES)
    shown = make_attraction(region=hunchun, slug="fangchuan", name_en="Fangchuan")
    tour = make_route(days=[[shown, gorge]], start_region=hunchun, end_region=hunchun)
    gorge.status = Status.DRAFT
    gorge.save()
    url = tour.get_absolute_url()
    for prefix in LANGUAGES:
        response = client.get(f"{prefix}{url}")
        assert response.status_code == 200
        content = response.content.decode()
        assert shows_a_secret(content) == [] and "secret-gorge" not in content
        assert "fangchuan" in content
    gpx = client.get(reverse("routes:gpx", kwargs={"slug": tour.slug})).content.decode()
    assert shows_a_secret(gpx) == []


def test_a_port_page_lists_only_published_viewpoints(client, hunchun):
    gorge = make_attraction(region=hunchun, slug="secret-gorge", **SECRET_NAMES)
    port = make_port(region=hunchun)
    port.viewing_attractions.add(gorge)
    gorge.status = Status.DRAFT
    gorge.save()
    url = port.get_absolute_url()
    for prefix in LANGUAGES:
        response = client.get(f"{prefix}{url}")
        assert response.status_code == 200
        content = response.content.decode()
        assert shows_a_secret(content) == [] and "secret-gorge" not in content
