"""The county pages in the sitemap, in every language (sharing.sitemaps keeps the listings and their lists)."""

from django.db.models import Max, OuterRef, Subquery

from attractions.models import Attraction
from events.models import Event
from listings.models import Region
from ports.models import PortOfEntry
from sharing.sitemaps import TranslatedSitemap
from stays.models import Stay
from villages.models import Village

# What a county's page shows of each kind, by the county: its latest change is the page's.
COUNTY_KINDS = {"attractions": Attraction, "villages": Village, "ports": PortOfEntry, "events": Event, "stays": Stay}


def latest_change_in_county(model):
    rows = model.objects.published().filter(region=OuterRef("pk")).order_by().values("region")
    return Subquery(rows.annotate(latest=Max("updated_at")).values("latest"))


class CountySitemap(TranslatedSitemap):
    """Every county's page, west to east, dated by the latest change of a published listing in it (one query)."""

    def items(self):
        latest = {f"latest_{name}": latest_change_in_county(model) for name, model in COUNTY_KINDS.items()}
        return Region.objects.along_corridor().only("slug").annotate(**latest)

    def lastmod(self, region):
        changes = [getattr(region, f"latest_{name}") for name in COUNTY_KINDS]
        return max((change for change in changes if change is not None), default=None)
