"""Atom feeds of what was newly published, one per language (the URL's language prefix picks it).

The feed of new places (every kind registered as a place, listings.kinds) is here; a kind with a feed of its own
builds it on PublishedFeed (routes/feeds.py).
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext

from listings import kinds
from listings.cachetags import depends_on, list_tags, text_tag
from listings.i18n import html_lang, text_and_language

from .descriptions import content_description, name_of, place_of
from .seo import SITE_DESCRIPTION, SITE_NAME

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
    """The newest places of every kind (attractions and villages), newest first; it links to the first kind's list."""

    url_name = "feed_listings"

    def link(self):
        return kinds.place_kinds()[0].list_url()

    def title(self):
        return gettext("Newly published attractions and villages") + f" · {SITE_NAME}"

    def items(self):
        depends_on(*list_tags(kinds.place_models()), *(text_tag(model) for model in kinds.place_models()))
        newest = [
            place
            for model in kinds.place_models()
            for place in model.objects.published()
            .select_related("region")
            .order_by("-first_published_at")[:FEED_LENGTH]
        ]
        newest.sort(key=lambda item: item.first_published_at, reverse=True)
        return newest[:FEED_LENGTH]

    def item_title(self, item):
        kind = kinds.kind_of(item).label
        return f"{name_of(item)} ({kind}, {text_and_language(item.region, 'name')[0]})"
