"""Found and shared beyond the page: the sitemap, robots.txt, Open Graph tags and link previews, and feeds."""

import io
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime
from PIL import Image

from attractions.models import Attraction
from attractions.tests.factories import make_attraction, make_attraction_photo
from events.tests.factories import make_event
from listings.models import Status
from photos import images
from ports.tests.factories import make_port
from sharing.tests.test_seo import head_of

pytestmark = pytest.mark.django_db

LANGUAGE_PREFIXES = {"zh-Hans": "", "en": "/en", "ko": "/ko", "ru": "/ru"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"


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
            lastmod = url.find(f"{SITEMAP}lastmod")  # none for a county page with nothing published in it
            urls[location] = {
                "lastmod": lastmod.text if lastmod is not None else None,
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


def test_ports_and_events_are_in_the_sitemap_never_their_drafts(client, corridor):
    port = make_port(slug="quanhe")
    event = make_event(slug="may-festival")
    hidden = make_event(slug="secret-festival", status=Status.DRAFT)
    urls = sitemap_urls(client)
    for path in ("/ports/", "/events/", port.get_absolute_url(), event.get_absolute_url()):
        for prefix in LANGUAGE_PREFIXES.values():
            assert f"http://testserver{prefix}{path}" in urls, path
    assert not [url for url in urls if hidden.slug in url]
