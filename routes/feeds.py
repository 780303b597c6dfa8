"""The Atom feed of newly published Border Tours (sharing.feeds.PublishedFeed, one per language)."""

from django.utils.translation import gettext

from listings.cachetags import depends_on, list_tag, text_tag
from sharing.feeds import FEED_LENGTH, PublishedFeed
from sharing.seo import SITE_NAME

from .models import Route


class NewRoutesFeed(PublishedFeed):
    url_name = "feed_routes"
    list_url_name = "routes:list"

    def title(self):
        return gettext("New Border Tours") + f" · {SITE_NAME}"

    def items(self):
        depends_on(list_tag(Route), text_tag(Route))
        return (
            Route.objects.published()
            .select_related("start_region", "end_region")
            .order_by("-first_published_at")[:FEED_LENGTH]
        )
