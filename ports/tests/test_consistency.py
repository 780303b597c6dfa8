"""Ports and rules never contradict themselves (issue #20): one answer to "can tourists cross now?", rules that
end by themselves, confidence that follows from the kind of source, one line per neighbour country, the port's
status on the attractions at a crossing, and a port's notes on the spots it is seen from."""

import datetime

import pytest
from django.utils import translation

from attractions.tests.factories import make_attraction
from listings.models import Confidence, Source, SourceKind
from listings.tests.factories import make_region, make_source
from ports.models import Country, Crossing, CrossingAnswer, CrossingRule, DatePrecision, RuleState
from ports.tests.factories import make_note, make_port

pytestmark = pytest.mark.django_db

VISA_WAIVER_ENDS = datetime.date(2026, 9, 14)
LANGUAGES = [("", "zh-hans"), ("/en", "en"), ("/ko", "ko"), ("/ru", "ru")]


@pytest.fixture
def highway():
    """Like the demo's Hunchun highway port: tourists cross, but who may cross is not confirmed for today."""
    port = make_port(
        region=make_region("hunchun"),
        slug="hunchun-highway-port",
        name_en="Hunchun highway port",
        across_country=Country.RUSSIA,
        across_town_en="Kraskino",
        tourist_crossing=Crossing.YES,
        who_may_cross_en="Not confirmed for today.",
        status_verified_on=datetime.date(2025, 12, 1),
        status_verified_precision=DatePrecision.MONTH,
    )
    CrossingRule.objects.create(
        port=port,
        text_en="Russian ordinary-passport holders may enter visa-free for up to 30 days.",
        valid_from=datetime.date(2025, 9, 15),
        valid_until=VISA_WAIVER_ENDS,
    )
    return port


@pytest.fixture
def dprk_ports():
    return [
        make_port(
            region=make_region("tumen"),
            slug="tumen-port",
            name_en="Tumen",
            status_verified_on=datetime.date(2025, 9, 1),
        ),
        make_port(region=make_region("hunchun"), slug="quanhe-port", name_en="Quanhe"),
        make_port(
            region=make_region("hunchun"),
            slug="shatuozi-port",
            name_en="Shatuozi",
            tourist_crossing=Crossing.UNKNOWN,
            status_verified_on=None,
        ),
    ]


# One answer -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("crossing", "who", "confirmed", "expected"),
    [
        (Crossing.YES, "Not confirmed for today.", False, CrossingAnswer.YES_FOR_SOME),
        (Crossing.YES, "", True, CrossingAnswer.YES_FOR_SOME),  # ticked but nothing says who: still unknown
        (Crossing.YES, "Foreigners and Chinese citizens.", True, CrossingAnswer.YES),
        (Crossing.SUSPENDED, "", False, CrossingAnswer.SUSPENDED),
        (Crossing.UNKNOWN, "", False, CrossingAnswer.UNKNOWN),
    ],
)
def test_the_answer_is_never_a_plain_yes_while_who_may_cross_is_unknown(crossing, who, confirmed, expected):
    port = make_port(tourist_crossing=crossing, who_may_cross_en=who, who_may_cross_confirmed=confirmed)
    assert port.crossing_answer == expected


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_a_port_page_gives_one_answer_with_who_may_cross(client, highway, any_day, prefix, language):
    page = client.get(f"{prefix}/ports/hunchun-highway-port/").content.decode()
    with translation.override(language):
        plain_yes = str(CrossingAnswer.YES.label)
        qualified = str(CrossingAnswer.YES_FOR_SOME.label)
    box = page.split('class="crossing-status')[1].split("</section>")[0]
    assert qualified in box
    assert plain_yes not in page
    assert "Not confirmed for today." in box  # who may cross stands in the same box as the answer
    assert 'data-crossing="yes-for-some"' in box


def test_the_card_and_the_map_give_the_same_qualified_answer(client, highway):
    page = client.get("/en/ports/").content.decode()
    assert "Tourists can cross now: Yes, but who may cross is not confirmed" in page
    assert "Hunchun highway port — Yes, but who may cross is not confirmed" in page


# Rules that end by themselves ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (datetime.date(2025, 9, 14), RuleState.NOT_YET),
        (datetime.date(2026, 3, 1), RuleState.IN_FORCE),
        (VISA_WAIVER_ENDS, RuleState.IN_FORCE),  # the last day still counts
        (datetime.date(2026, 9, 15), RuleState.ENDED),
    ],
)
def test_a_rule_is_in_force_until_its_end_date_and_ended_after_it(highway, today, state):
    assert highway.rules.get().state_on(today) == state


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_before_its_end_date_the_visa_waiver_shows_in_force_until_then(client, highway, set_day, prefix, language):
    set_day(datetime.date(2026, 9, 1))
    page = client.get(f"{prefix}/ports/hunchun-highway-port/").content.decode()
    with translation.override(language):
        until = translation.gettext("In force until %(day)s.") % {"day": ""}
    rules = page.split('class="crossing-rules"')[1].split("</section>")[0]
    assert 'data-rule-state="in-force"' in rules and 'data-rule-state="ended"' not in rules
    assert until.strip(" .。") in rules
    assert "2026" in rules


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_after_its_end_date_the_visa_waiver_shows_as_ended(client, highway, any_day, prefix, language):
    page = client.get(f"{prefix}/ports/hunchun-highway-port/").content.decode()
    rules = page.split('class="crossing-rules"')[1].split("</section>")[0]
    with translation.override(language):
        until = translation.gettext("In force until %(day)s.").split("%(day)s")
    assert 'data-rule-state="ended"' in rules
    assert 'data-rule-state="in-force"' not in rules
    assert not all(part.strip() in rules for part in until if part.strip())
    with translation.override(language):
        notice = translation.gettext("Some rules for crossing here have ended: see the list of rules below.")
    assert notice in page


def test_the_day_after_the_end_date_needs_no_editor(client, highway, set_day):
    set_day(VISA_WAIVER_ENDS)
    assert 'data-rule-state="in-force"' in client.get("/en/ports/hunchun-highway-port/").content.decode()
    set_day(VISA_WAIVER_ENDS + datetime.timedelta(days=1))
    page = client.get("/en/ports/hunchun-highway-port/").content.decode()
    assert "Ended on Sept. 14, 2026: no longer in force." in page or "Ended on September 14, 2026" in page


# Confidence from the kind of source ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "published_on", "expected"),
    [
        (SourceKind.OFFICIAL, datetime.date(2025, 9, 2), Confidence.HIGH),
        (SourceKind.OPERATOR, datetime.date(2025, 9, 2), Confidence.HIGH),
        (SourceKind.OFFICIAL, None, Confidence.MEDIUM),  # undated: one step down
        (SourceKind.NEWS, datetime.date(2025, 12, 1), Confidence.MEDIUM),
        (SourceKind.NEWS, datetime.date(2014, 5, 27), Confidence.LOW),  # more than five years old
        (SourceKind.OTHER, datetime.date(2026, 1, 10), Confidence.LOW),
        (SourceKind.OTHER, None, Confidence.LOW),
    ],
)
def test_confidence_follows_from_the_kind_and_the_age(any_day, kind, published_on, expected):
    source = make_source(kind=kind, published_on=published_on)
    assert source.confidence_on(datetime.date(2026, 12, 6)) == expected
    assert source.confidence == expected  # on every day of the calendar (2027-2028) the same here


def test_an_official_source_ages_one_step_after_five_years():
    source = make_source(kind=SourceKind.OFFICIAL, published_on=datetime.date(2021, 12, 6))
    assert source.confidence_on(datetime.date(2026, 12, 6)) == Confidence.HIGH
    assert source.confidence_on(datetime.date(2026, 12, 7)) == Confidence.MEDIUM


def test_a_bare_ip_address_and_a_shop_page_are_low_confidence_on_the_page(client, highway):
    highway.confidence = Confidence.HIGH
    highway.crossing_confidence = Confidence.HIGH
    highway.save()
    highway.sources.set(
        [
            make_source(citation="38.180.59.114/news/2023/01/10/china_russia"),
            make_source(citation="pass.cpu99.com/B_roseshop.html"),
        ]
    )
    page = client.get("/en/ports/hunchun-highway-port/").content.decode()
    sources = page.split('class="sources"')[1].split("</section>")[0]
    assert sources.count("(Other; confidence: Low)") == 2
    assert "High" not in sources
    assert "Confidence of the tourist facts" not in page


def test_new_sources_are_other_until_an_editor_says_what_they_are():
    assert Source.objects.create(key="X1", citation="38.180.59.114/news").kind == SourceKind.OTHER


def test_the_source_admin_derives_the_confidence_and_offers_no_field_for_it(admin_client):
    source = make_source(kind=SourceKind.NEWS, published_on=datetime.date(2025, 12, 1))
    page = admin_client.get(f"/admin/corridor_portal/source/{source.pk}/change/").content.decode()
    assert 'name="kind"' in page and 'name="published_on"' in page
    assert 'name="confidence"' not in page
    response = admin_client.post(
        f"/admin/corridor_portal/source/{source.pk}/change/",
        {"key": source.key, "citation": source.citation, "kind": SourceKind.OTHER, "published_on": ""},
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.kind == SourceKind.OTHER and source.confidence == Confidence.LOW


def test_the_port_admin_shows_the_fact_sheet_grades_read_only(admin_client, highway):
    page = admin_client.get(f"/admin/ports/portofentry/{highway.pk}/change/").content.decode()
    assert 'name="crossing_confidence"' not in page
    assert 'name="confidence"' not in page
    assert 'name="who_may_cross_confirmed"' in page


# One line per neighbour country -------------------------------------------------------------------


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_each_neighbour_country_gets_one_plain_line(client, highway, dprk_ports, any_day, prefix, language):
    with translation.override(language):
        closed = translation.gettext("no tourist crossing is open at present, as far as our sources show")
        open_at = translation.gettext("tourists cross at")
        korea, russia = str(Country.NORTH_KOREA.label), str(Country.RUSSIA.label)
    for path in ("/ports/", "/", "/ports/tumen-port/", "/ports/hunchun-highway-port/"):
        page = client.get(prefix + path).content.decode()
        lines = page.split('class="border-lines"')[1].split("</ul>")[0]
        if path != "/ports/hunchun-highway-port/":
            korea_line = lines.split('data-country="kp"')[1].split("</li>")[0]
            assert korea in korea_line and closed in korea_line
            assert '<time datetime="2025-09">' in korea_line  # Tumen's check is the newest of the three
        if path != "/ports/tumen-port/":
            russia_line = lines.split('data-country="ru"')[1].split("</li>")[0]
            assert russia in russia_line and open_at in russia_line
            assert f'href="{prefix}/ports/hunchun-highway-port/"' in russia_line
            assert '<time datetime="2025-12">' in russia_line
        else:
            assert 'data-country="ru"' not in lines  # a port page shows its own border only


def test_the_north_korea_line_opens_when_a_port_does(client, dprk_ports):
    dprk_ports[1].tourist_crossing = Crossing.YES
    dprk_ports[1].save()
    line = client.get("/en/ports/").content.decode().split('data-country="kp"')[1].split("</li>")[0]
    assert "tourists cross at" in line and 'href="/en/ports/quanhe-port/"' in line
    assert "no tourist crossing is open" not in line


# The port's status where an attraction is the crossing -------------------------------------------


@pytest.mark.parametrize(("prefix", "language"), LANGUAGES)
def test_an_attraction_at_a_crossing_shows_the_ports_status_and_links_to_it(client, dprk_ports, prefix, language):
    bridge = make_attraction(region=make_region("tumen"), slug="tumen-port-national-gate", name_en="Tumen gate")
    elsewhere = make_attraction(region=make_region("tumen"), slug="elsewhere", name_en="A museum")
    dprk_ports[0].viewing_attractions.add(bridge)
    page = client.get(f"{prefix}/attractions/tumen-port-national-gate/").content.decode()
    with translation.override(language):
        suspended = str(CrossingAnswer.SUSPENDED.label)
    box = page.split('class="crossing-here"')[1].split("</section>")[0]
    assert f'href="{prefix}/ports/tumen-port/"' in box
    assert suspended in box
    assert '<time datetime="2025-09">' in box
    assert 'class="crossing-here"' not in client.get(f"{prefix}/attractions/elsewhere/").content.decode()
    assert elsewhere.pk


# A port's notes reach the spots it is seen from --------------------------------------------------


def test_a_ports_note_shows_on_the_viewing_spots_it_concerns_only(client):
    jian = make_region("jian")
    port = make_port(region=jian, slug="jian-port", name_en="Ji'an")
    gate = make_attraction(region=jian, slug="yalu-river-national-gate", name_en="Yalu River National Gate")
    tombs = make_attraction(region=jian, slug="tombs", name_en="Koguryo tombs")
    port.viewing_attractions.add(gate)
    make_note(
        port=port,
        kind="photography",
        text_en="Telephoto photography is banned at the viewing spots facing Manpo (reported 2024).",
    )
    assert "Telephoto photography is banned" in client.get("/en/attractions/yalu-river-national-gate/").content.decode()
    assert "Telephoto photography is banned" in client.get("/en/ports/jian-port/").content.decode()
    assert "Telephoto photography is banned" not in client.get("/en/attractions/tombs/").content.decode()
    assert tombs.pk
