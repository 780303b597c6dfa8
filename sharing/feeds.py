"""Atom feeds of what was newly published, one per language (the URL's language prefix picks it)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext

from attractions.models import Attraction
from listings.i18n import html_lang, text_and_language
from routes.models import Route
from villages.models import Village

from .seo import SITE_DESCRIPTION, SITE_NAME, content_description, name_of, place_of

FEED_LENGTH = 30


class PublishedFeed(Feed):
    """Newest first by the date a listing was first published; drafts never appear."""

    feed_type = Atom1Feed

    @property
    def language(self):
        return html_lang(get_language())

    def feed_url(self):
        return reverse(self.url_name)

    def link(self):
        return reverse(self.list_url_name)

    def subtitle(self):
        return str(SITE_DESCRIPTION)

    def author_name(self):
        return str(SITE_NAME)

    def item_title(self, item):
        return name_of(item)

    def item_description(self, item):
        return content_description(item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [place_of(item)]


class NewListingsFeed(PublishedFeed):
    url_name = "feed_listings"
    list_url_name = "attractions:list"

    def title(self):
        return gettext("Newly published attractions and villages") + f" · {SITE_NAME}"

    def items(self):
        attractions = Attraction.objects.published().select_related("region").order_by("-first_published_at")
        villages = Village.objects.published().select_related("region").order_by("-first_published_at")
        newest = [*attractions[:FEED_LENGTH], *villages[:FEED_LENGTH]]
        newest.sort(key=lambda item: item.first_published_at, reverse=True)
        return newest[:FEED_LENGTH]

    def item_title(self, item):
        kind = gettext("Attraction") if item._meta.model_name == "attraction" else gettext("Village")
        return f"{name_of(item)} ({kind}, {text_and_language(item.region, 'name')[0]})"


class NewRoutesFeed(PublishedFeed):
    url_name = "feed_routes"
    list_url_name = "routes:list"

    def title(self):
        return gettext("New Border Tours") + f" · {SITE_NAME}"

    def items(self):
        return (
            Route.objects.published()
            .select_related("start_region", "end_region")
            .order_by("-first_published_at")[:FEED_LENGTH]
        )
