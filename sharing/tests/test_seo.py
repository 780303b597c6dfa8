"""What a page says about itself in <head>: canonical addresses, robots, titles and descriptions, JSON-LD."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

from attractions.tests.factories import make_attraction
from listings.models import Status
from listings.tests.factories import make_region
from sharing import descriptions

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """The <title>, <meta> and <link> tags of a page and its JSON-LD blocks, as a browser would read them."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self.title = [], [], [], ""
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta.append(attrs)
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json"
            self.json_ld.append("")
        elif tag == "title":
            self._in = "title"

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "json":
            self.json_ld[-1] += data
        elif self._in == "title":
            self.title += data

    def meta_content(self, key):
        found = [m.get("content") for m in self.meta if key in (m.get("name"), m.get("property"))]
        return found[0] if found else None

    def link_href(self, rel, **attrs):
        for link in self.links:
            if link.get("rel") == rel and all(link.get(k) == v for k, v in attrs.items()):
                return link.get("href")
        return None

    @property
    def structured_data(self):
        return [json.loads(block) for block in self.json_ld]

    def of_type(self, kind):
        return [data for data in self.structured_data if data.get("@type") == kind]


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


# Canonical addresses and robots ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "canonical", "indexed"),
    [
        ("/attractions/", "/attractions/", True),
        ("/en/attractions/?county=hunchun", "/en/attractions/?county=hunchun", True),
        ("/en/attractions/?season=winter", "/en/attractions/?season=winter", True),
        ("/en/attractions/?county=hunchun&season=winter", "/en/attractions/?county=hunchun", False),
        ("/en/attractions/?season=winter&category=winter", "/en/attractions/?category=winter", False),
        ("/en/attractions/?county=hunchun&county=jian", "/en/attractions/", False),
        ("/en/attractions/?sort=name", "/en/attractions/", True),
        ("/en/attractions/?county=hunchun&sort=name", "/en/attractions/?county=hunchun", True),
        ("/en/attractions/?q=gate", "/en/attractions/", False),
        ("/en/attractions/?county=atlantis&utm_source=chat", "/en/attractions/", True),
        ("/en/attractions/?county=tumen", "/en/attractions/?county=tumen", False),  # nothing there
        ("/ko/villages/?homestays=1", "/ko/villages/?homestays=1", True),
        ("/routes/?county=hunchun&days=2", "/routes/?county=hunchun", False),
    ],
)
def test_list_pages_are_canonical_to_their_unfiltered_or_single_filter_page(client, corridor, url, canonical, indexed):
    head = head_of(client, url)
    assert head.link_href("canonical") == f"http://testserver{canonical}"
    assert (head.meta_content("robots") is None) is indexed
    if not indexed:
        assert head.meta_content("robots") == "noindex, follow"


def test_pagination_pages_are_canonical_to_themselves_without_the_sort(client, corridor):
    region = make_region("jian")
    for _ in range(30):
        make_attraction(region=region)
    head = head_of(client, "/en/attractions/?sort=name&page=2")
    assert head.link_href("canonical") == "http://testserver/en/attractions/?page=2"
    assert head.meta_content("robots") is None
    assert head_of(client, "/en/attractions/?county=jian&page=2").link_href("canonical") == (
        "http://testserver/en/attractions/?county=jian&page=2"
    )


def test_detail_pages_are_canonical_to_their_own_address_in_their_language(client, corridor):
    for url in ("/attractions/generals-tomb/", "/en/villages/fangchuan-village/", "/ru/routes/whole-border/"):
        head = head_of(client, f"{url}?utm_source=wechat")
        assert head.link_href("canonical") == f"http://testserver{url}"
        assert head.meta_content("robots") is None


def test_search_results_are_not_indexed(client, corridor):
    head = head_of(client, "/en/search/?q=gate")
    assert head.meta_content("robots") == "noindex, follow"
    assert head.link_href("canonical") == "http://testserver/en/search/"


def test_a_filtered_page_lists_the_alternates_of_its_canonical_page(client, corridor):
    head = head_of(client, "/en/attractions/?county=hunchun&season=winter")
    assert head.link_href("alternate", hreflang="ko") == "http://testserver/ko/attractions/?county=hunchun"
    assert head.link_href("alternate", hreflang="x-default") == "http://testserver/attractions/?county=hunchun"


# Titles and descriptions -------------------------------------------------------------------------------


def test_list_titles_describe_their_filters(client, corridor):
    assert head_of(client, "/en/attractions/?county=hunchun&season=winter").title.startswith(
        "Winter attractions in Hunchun · "
    )
    assert head_of(client, "/en/attractions/?county=hunchun").title.startswith("Attractions in Hunchun · ")
    title = head_of(client, "/en/attractions/?category=winter&free=1").title
    assert title.startswith("Attractions: Winter and snow, Free entry · ")
    description = head_of(client, "/en/attractions/?county=hunchun&season=winter").meta_content("description")
    assert description.startswith("Winter attractions in Hunchun: ")
    assert "Fangchuan Gate" in description


def test_every_page_has_its_own_title_and_description_in_its_language(client, corridor):
    urls = [
        "/en/",
        "/en/attractions/",
        "/en/villages/",
        "/en/routes/",
        "/en/attractions/generals-tomb/",
        "/en/attractions/fangchuan-gate/",
        "/en/villages/fangchuan-village/",
        "/en/routes/whole-border/",
    ]
    heads = [head_of(client, url) for url in urls]
    assert len({head.title for head in heads}) == len(urls)
    assert len({head.meta_content("description") for head in heads}) == len(urls)
    tomb = heads[4]
    assert tomb.title.startswith("General's Tomb, Ji'an · ")
    assert tomb.meta_content("description") == "A stepped granite pyramid of a Koguryo king."
    chinese = head_of(client, "/attractions/generals-tomb/")
    assert chinese.title.startswith("将军坟")
    assert chinese.meta_content("description") == "高句丽王陵，阶梯式石构金字塔，底边约七十五米。"


def test_a_page_without_text_in_its_language_gets_a_description_made_in_that_language(client, corridor):
    # Fangchuan Gate has no summary at all: the description is a sentence in English, not empty.
    description = head_of(client, "/en/attractions/fangchuan-gate/").meta_content("description")
    assert description == "Fangchuan Gate: Winter and snow in Hunchun, on the G331 border corridor in Jilin."


def test_long_texts_are_cut_at_a_word_or_by_characters_for_chinese(client, corridor):
    long_en = "The Tumen river road " * 30
    long_zh = "图们江边的公路和朝鲜族村落" * 20
    make_attraction(region=make_region("tumen"), slug="long-one", summary_en=long_en, summary_zh_hans=long_zh)
    english = head_of(client, "/en/attractions/long-one/").meta_content("description")
    assert len(english) <= descriptions.DESCRIPTION_LIMIT
    assert english.endswith("…")
    assert long_en.startswith(english[:-1]) and long_en[len(english) - 1] == " "  # cut between words
    chinese = head_of(client, "/attractions/long-one/").meta_content("description")
    assert len(chinese) == descriptions.DESCRIPTION_LIMITS["zh-hans"]
    assert chinese.endswith("…")


@pytest.mark.parametrize(
    ("text", "limit", "language", "expected"),
    [
        ("Short enough", 60, "en", "Short enough"),
        ("One two three four five six", 16, "en", "One two three…"),
        ("Unbreakablewordthatgoesonandon", 10, "en", "Unbreakab…"),
        ("边境村落。雪村的夜晚很长很长很长", 10, "zh-hans", "边境村落。雪村的夜…"),
        ("边境村落和雪村。夜晚很长很长很长", 10, "zh-hans", "边境村落和雪村。"),
        ("  spaces\n and\tnew lines  ", 60, "en", "spaces and new lines"),
    ],
)
def test_shorten(text, limit, language, expected):
    assert descriptions.shorten(text, limit, language) == expected


# Structured data ----------------------------------------------------------------------------------------


def test_an_attraction_is_a_tourist_attraction_with_the_database_values(client, corridor):
    tomb = corridor["tomb"]
    head = head_of(client, "/en/attractions/generals-tomb/")
    [data] = head.of_type("TouristAttraction")
    assert data["@context"] == "https://schema.org"
    assert data["name"] == tomb.name_en
    assert data["url"] == "http://testserver/en/attractions/generals-tomb/"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": tomb.latitude, "longitude": tomb.longitude}
    assert data["address"]["streetAddress"] == "Jiangjunfen Road, Ji'an"
    assert data["address"]["addressLocality"] == "Ji'an"
    assert data["isAccessibleForFree"] is False
    [price] = [p for p in data["additionalProperty"] if p.get("propertyID") == "ticketPrice"]
    assert price["value"] == 30.0
    assert price["unitText"] == "CNY"
    assert data["touristType"] == "Heritage tourism"
    assert data["image"][0].startswith("http://testserver/en/preview/attraction/generals-tomb.jpg")

    [gate] = head_of(client, "/en/attractions/fangchuan-gate/").of_type("TouristAttraction")
    assert gate["isAccessibleForFree"] is True
    assert gate["openingHoursSpecification"][0]["opens"] == "08:00"
    assert gate["openingHoursSpecification"][0]["closes"] == "17:00"
    assert len(gate["openingHoursSpecification"][0]["dayOfWeek"]) == 7


def test_a_village_is_a_tourist_destination_with_its_homestays_and_festivals(client, corridor):
    [data] = head_of(client, "/en/villages/fangchuan-village/").of_type("TouristDestination")
    assert data["name"] == "Fangchuan"
    hosting = {feature["name"]: feature["value"] for feature in data["amenityFeature"]}
    assert hosting == {"Homestays": 12, "Beds": 80}
    festivals = [(event["name"], event["eventSchedule"]["byMonth"]) for event in data["event"]]
    assert festivals == [("Snow festival", 1), ("Rice festival", 9)]


def test_a_border_tour_is_a_tourist_trip_with_its_stops_in_order_by_day(client, corridor):
    route = corridor["route"]
    [data] = head_of(client, "/en/routes/whole-border/").of_type("TouristTrip")
    assert data["name"] == "Whole border"
    expected = []
    for day in route.days.order_by("number"):
        published = [s.place for s in day.stops.order_by("position") if s.place.status == Status.PUBLISHED]
        with translation.override("en"):
            expected.append([f"http://testserver{place.get_absolute_url()}" for place in published])
    every_stop = data["itinerary"]["itemListElement"]
    assert [item["position"] for item in every_stop] == list(range(1, 5))
    assert [item["item"]["url"] for item in every_stop] == [url for day in expected for url in day]
    assert [item["item"]["@type"] for item in every_stop] == [
        "TouristAttraction",
        "TouristDestination",
        "TouristAttraction",
        "TouristAttraction",
    ]
    assert [[stop["item"]["url"] for stop in trip["itinerary"]["itemListElement"]] for trip in data["subTrip"]] == (
        expected
    )
    assert data["subTrip"][0]["name"] == "Day 1: Day 1"
    assert data["offers"]["price"] == "1280"
    assert data["offers"]["priceCurrency"] == "CNY"
    assert "Secret draft" not in json.dumps(data)


def test_every_detail_page_has_breadcrumbs(client, corridor):
    for url, list_url in [
        ("/en/attractions/generals-tomb/", "/en/attractions/"),
        ("/en/villages/fangchuan-village/", "/en/villages/"),
        ("/en/routes/whole-border/", "/en/routes/"),
    ]:
        [crumbs] = head_of(client, url).of_type("BreadcrumbList")
        items = [item["item"] for item in crumbs["itemListElement"]]
        assert items == ["http://testserver/en/", f"http://testserver{list_url}", f"http://testserver{url}"]


def test_the_home_page_describes_the_website_and_its_search(client, corridor):
    [site] = head_of(client, "/en/").of_type("WebSite")
    assert site["url"] == "http://testserver/en/"
    assert site["inLanguage"] == "en"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/en/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_structured_data_cannot_break_out_of_its_script_element(client, corridor):
    nasty = '</script><script>alert("x")</script><!-- & ü'
    make_attraction(region=make_region("tumen"), slug="nasty", name_en=nasty)
    content = client.get("/en/attractions/nasty/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["name"] == nasty
    assert "<script>alert" not in content
