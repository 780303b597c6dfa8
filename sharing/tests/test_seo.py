"""Found and shared: the sitemap, robots.txt, canonical addresses, titles, JSON-LD, link previews and feeds."""

import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime
from PIL import Image

from attractions.models import Attraction
from attractions.tests.factories import make_attraction, make_attraction_photo
from listings.models import Season, Status, Theme
from listings.tests.factories import make_region
from photos import images
from routes.tests.factories import make_route
from sharing import seo
from villages.models import Festival
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

LANGUAGE_PREFIXES = {"zh-Hans": "", "en": "/en", "ko": "/ko", "ru": "/ru"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


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


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def corridor():
    jian, hunchun = make_region("jian"), make_region("hunchun")
    make_region("tumen")  # a county with nothing published in it
    tomb = make_attraction(
        region=jian,
        slug="generals-tomb",
        name_zh_hans="将军坟",
        name_en="General's Tomb",
        summary_zh_hans="高句丽王陵，阶梯式石构金字塔，底边约七十五米。",
        summary_en="A stepped granite pyramid of a Koguryo king.",
        category=Theme.HISTORICAL,
        ticket_price=Decimal("30.00"),
        address_en="Jiangjunfen Road, Ji'an",
    )
    gate = make_attraction(
        region=hunchun,
        slug="fangchuan-gate",
        name_zh_hans="防川国门",
        name_en="Fangchuan Gate",
        summary_en="",
        category=Theme.WINTER,
        best_seasons=[Season.WINTER],
        ticket_price=Decimal("0"),
        opening_hours_en="8:00-17:00",
    )
    snowfield = make_attraction(
        region=hunchun, slug="snowfield", name_en="Snowfield", category=Theme.NATURAL, best_seasons=[Season.SUMMER]
    )
    village = make_village(
        region=hunchun,
        slug="fangchuan-village",
        name_zh_hans="防川村",
        name_en="Fangchuan",
        homestays=12,
        beds=80,
    )
    Festival.objects.create(village=village, name_zh_hans="稻米节", name_en="Rice festival", month=9)
    Festival.objects.create(village=village, name_zh_hans="冰雪节", name_en="Snow festival", month=1)
    draft = make_attraction(region=hunchun, slug="secret-draft", name_en="Secret draft", status=Status.DRAFT)
    draft_village = make_village(region=hunchun, slug="draft-village", status=Status.DRAFT)
    route = make_route(
        slug="whole-border",
        title_zh_hans="边境全程",
        title_en="Whole border",
        days=[[tomb, village], [draft, gate, snowfield]],
        price_from=Decimal("1280.00"),
        themes=[Theme.HISTORICAL, Theme.BORDER],
    )
    draft_route = make_route(slug="draft-route", status=Status.DRAFT)
    return {
        "tomb": tomb,
        "gate": gate,
        "snowfield": snowfield,
        "village": village,
        "route": route,
        "drafts": [draft, draft_village, draft_route],
    }


# Sitemap and robots.txt --------------------------------------------------------------------------------


def sitemap_urls(client):
    """{location: {"lastmod": …, "alternates": {hreflang: href}}} across every section of the index."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert len(sections) >= 4
    urls = {}
    for section in sections:
        response = client.get(section.replace("http://testserver", ""))
        assert response.status_code == 200
        for url in ET.fromstring(response.content).iter(f"{SITEMAP}url"):
            location = url.find(f"{SITEMAP}loc").text
            urls[location] = {
                "lastmod": url.find(f"{SITEMAP}lastmod").text,
                "alternates": {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")},
            }
    return urls


def test_sitemap_lists_every_published_listing_in_every_language_with_alternates(client, corridor):
    urls = sitemap_urls(client)
    for listing in (corridor["tomb"], corridor["gate"], corridor["village"], corridor["route"]):
        path = listing.get_absolute_url()
        expected = {hreflang: f"http://testserver{prefix}{path}" for hreflang, prefix in LANGUAGE_PREFIXES.items()}
        for location in expected.values():
            assert location in urls, location
            assert urls[location]["alternates"] == {**expected, "x-default": f"http://testserver{path}"}
            assert urls[location]["lastmod"].startswith(localtime(listing.updated_at).date().isoformat())


def test_sitemap_never_lists_a_draft(client, corridor):
    urls = sitemap_urls(client)
    for draft in corridor["drafts"]:
        assert not [url for url in urls if f"/{draft.slug}/" in url]


def test_sitemap_lists_the_list_pages_and_their_one_filter_pages(client, corridor):
    urls = sitemap_urls(client)
    for path in ("/", "/attractions/", "/villages/", "/routes/", "/attractions/?county=hunchun"):
        for prefix in LANGUAGE_PREFIXES.values():
            assert f"http://testserver{prefix}{path}" in urls
    assert "http://testserver/en/attractions/?category=winter" in urls
    # A county with nothing published in it is no page worth indexing.
    assert not [url for url in urls if "county=tumen" in url]


def test_a_list_page_changed_when_its_newest_listing_did(client, corridor):
    Attraction.objects.update(updated_at=datetime(2024, 1, 5, 12, tzinfo=UTC))
    Attraction.objects.filter(pk=corridor["gate"].pk).update(updated_at=datetime(2025, 3, 7, 12, tzinfo=UTC))
    urls = sitemap_urls(client)
    assert urls["http://testserver/ru/attractions/?county=hunchun"]["lastmod"] == "2025-03-07"
    assert urls["http://testserver/ru/attractions/?county=jian"]["lastmod"] == "2024-01-05"
    assert urls["http://testserver/en/attractions/generals-tomb/"]["lastmod"] == "2024-01-05"


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for rule in ("/admin/", "/search/", "/en/search/", "/ru/search/", "/*/gpx/", "/*.ics", "/*.geojson"):
        assert f"Disallow: {rule}" in lines


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
    assert len(english) <= seo.DESCRIPTION_LIMIT
    assert english.endswith("…")
    assert long_en.startswith(english[:-1]) and long_en[len(english) - 1] == " "  # cut between words
    chinese = head_of(client, "/attractions/long-one/").meta_content("description")
    assert len(chinese) == seo.DESCRIPTION_LIMITS["zh-hans"]
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
    assert seo.shorten(text, limit, language) == expected


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


# Link previews ------------------------------------------------------------------------------------------


def test_every_page_has_open_graph_and_twitter_tags(client, corridor):
    for url in (
        "/en/",
        "/en/attractions/?county=hunchun",
        "/en/routes/whole-border/",
        "/ko/villages/fangchuan-village/",
    ):
        head = head_of(client, url)
        for key in ("og:title", "og:description", "og:url", "og:locale", "og:image", "twitter:card", "twitter:image"):
            assert head.meta_content(key), (url, key)
        assert head.meta_content("og:url") == head.link_href("canonical")
        assert head.meta_content("og:image:width") == "1200"
        assert head.meta_content("og:image:height") == "630"
        assert head.meta_content("twitter:card") == "summary_large_image"
    head = head_of(client, "/ko/villages/fangchuan-village/")
    assert head.meta_content("og:locale") == "ko_KR"
    alternates = [m["content"] for m in head.meta if m.get("property") == "og:locale:alternate"]
    assert sorted(alternates) == ["en_US", "ru_RU", "zh_CN"]


def preview_of(client, url):
    image_url = head_of(client, url).meta_content("og:image").replace("http://testserver", "")
    response = client.get(image_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "max-age" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "JPEG"
    return image


def photo_upload(colour):
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = Image.new("RGB", (2000, 1000), colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    return SimpleUploadedFile("fangchuan.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_a_listing_with_a_photo_is_previewed_by_its_photo_cropped_to_1200_by_630(client, corridor, media):
    photo = make_attraction_photo(corridor["tomb"], photo_upload((200, 30, 30)))
    image = preview_of(client, "/en/attractions/generals-tomb/")
    assert image.size == (1200, 630)
    red, green, blue = image.convert("RGB").getpixel((600, 315))
    assert red > 150 and green < 80 and blue < 80  # the photo itself, not a drawn card
    # Stored once beside the renditions, deleted with them.
    assert (media / images.share_image_name(photo.image.name)).exists()


def test_a_listing_without_a_photo_is_previewed_by_a_drawn_card(client, corridor):
    for url in ("/en/villages/fangchuan-village/", "/routes/whole-border/", "/en/", "/ru/attractions/"):
        assert preview_of(client, url).size == (1200, 630)


def test_previews_of_drafts_and_unknown_kinds_are_not_found(client, corridor):
    assert client.get("/preview/attraction/secret-draft.jpg").status_code == 404
    assert client.get("/preview/region/hunchun.jpg").status_code == 404
    assert client.get("/preview/attraction/no-such-place.jpg").status_code == 404


# Feeds --------------------------------------------------------------------------------------------------


def feed_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, [
        (entry.find(f"{ATOM}title").text, entry.find(f"{ATOM}link").get("href")) for entry in feed.iter(f"{ATOM}entry")
    ]


def test_feeds_of_new_listings_and_border_tours_one_per_language(client, corridor):
    feed, entries = feed_entries(client, "/en/feeds/listings.atom")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    links = [link for _title, link in entries]
    assert "http://testserver/en/attractions/generals-tomb/" in links
    assert "http://testserver/en/villages/fangchuan-village/" in links
    assert not [link for link in links if "draft" in link]
    assert any(title.startswith("General's Tomb") for title, _link in entries)

    _feed, entries = feed_entries(client, "/feeds/border-tours.atom")
    assert entries == [("边境全程", "http://testserver/routes/whole-border/")]


def test_pages_link_to_the_feeds_of_their_language(client, corridor):
    head = head_of(client, "/ko/attractions/")
    feeds = [link["href"] for link in head.links if link.get("type") == "application/atom+xml"]
    assert feeds == [reverse_in("ko", "feed_listings"), reverse_in("ko", "feed_routes")]


def reverse_in(language, name):
    with translation.override(language):
        return reverse(name)


def test_a_large_section_is_split_into_pages_of_the_index(client, corridor, monkeypatch):
    from sharing.sitemaps import ListingSitemap

    monkeypatch.setattr(ListingSitemap, "limit", 5)  # 3 attractions x 4 languages = 12 URLs: three pages
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc") if "attractions" in loc.text]
    assert sections == [
        "http://testserver/sitemap-attractions.xml",
        "http://testserver/sitemap-attractions.xml?p=2",
        "http://testserver/sitemap-attractions.xml?p=3",
    ]
    assert len(sitemap_urls(client)) == len(set(sitemap_urls(client)))


def test_the_list_of_unknown_seasons_is_no_page_for_search_engines(client, corridor):
    """Where the season notice links: useful to a visitor, not a page of its own (no sitemap entry, noindex)."""
    make_attraction(region=corridor["tomb"].region, slug="season-unknown", best_seasons=[])
    head = head_of(client, "/en/attractions/?season=unknown")
    assert head.meta_content("robots") == "noindex, follow"
    assert head.link_href("canonical") == "http://testserver/en/attractions/"
    assert not [url for url in sitemap_urls(client) if "season=unknown" in url]
    assert "<title>Attractions: Season not known" in client.get("/en/attractions/?season=unknown").content.decode()
