"""The sitemap: every published listing and every list page search engines should index, in every language.

`/sitemap.xml` is an index of sections (`/sitemap-attractions.xml`, …): the list pages, then one per kind of
listing registered `in_sitemap` (listings.kinds). Each URL carries its language alternates (hreflang, with
x-default) and the date it last changed. Drafts are never in it.
"""

from functools import partial
from urllib.parse import urlencode

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max
from django.urls import reverse

from listings import kinds
from listings.cachetags import depends_on, list_tag, list_tags, text_tag
from listings.i18n import html_lang

from .seo import is_page_making, is_page_making_value


class TranslatedSitemap(Sitemap):
    """One URL per language, each listing its alternates in the others and x-default (the Chinese page)."""

    i18n = True
    alternates = True
    x_default = True
    # Well under the protocol's 50,000: four languages per item, and a page stays quick to build.
    limit = 5000

    def get_urls(self, *args, **kwargs):
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            for alternate in url["alternates"]:
                if alternate["lang_code"] != "x-default":
                    alternate["lang_code"] = html_lang(alternate["lang_code"])
        return urls


class ListingSitemap(TranslatedSitemap):
    """The published listings of one kind."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def items(self):
        depends_on(list_tag(self.model), text_tag(self.model))  # lastmod moves with every save
        return self.model.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, listing):
        return listing.updated_at


def list_pages(url_name, model, filterset_class):
    """(url name, query, last change) of a list and of each one-filter page of it that shows something.

    One query per list: each option's count and latest change in a single aggregate.
    """
    published = model.objects.published()
    options, aggregates = [], {"all_count": Count("pk"), "all_lastmod": Max("updated_at")}
    # A kind registered without its FilterSet (events, ports: lists filtered by the day or a port's status)
    # puts its list alone in the sitemap.
    filterset = filterset_class(None, queryset=published) if filterset_class is not None else None
    for name in filterset.facets if filterset is not None else ():
        if not is_page_making(filterset, name):
            continue
        kind = filterset.facet_kind(name)
        values = ["1"] if kind == "toggle" else [value for value, _label in filterset.facet_choices(name)]
        values = [value for value in values if is_page_making_value(name, value)]
        for value in values:
            condition = filterset.option_condition(name, kind, value)
            key = f"o{len(options)}"
            aggregates[f"{key}_count"] = Count("pk", filter=condition)
            aggregates[f"{key}_lastmod"] = Max("updated_at", filter=condition)
            options.append((key, name, value))
    found = published.order_by().aggregate(**aggregates)
    pages = []
    if found["all_count"]:
        pages.append((url_name, {}, found["all_lastmod"]))
    for key, name, value in options:
        if found[f"{key}_count"]:
            pages.append((url_name, {name: value}, found[f"{key}_lastmod"]))
    return pages


class ListPageSitemap(TranslatedSitemap):
    """The home page, the lists in the sitemap and their one-filter pages (a county, a season, a theme…)."""

    def items(self):
        models = [kind.model for kind in sitemap_kinds()]
        depends_on(*list_tags(models), *(text_tag(model) for model in models))  # lastmod moves with every save
        pages = [
            page
            for kind in sitemap_kinds()
            for page in list_pages(kind.list_url_name, kind.model, kind.filterset_class)
        ]
        latest = max((lastmod for _name, _query, lastmod in pages if lastmod), default=None)
        return [("home", {}, latest), *pages]

    def location(self, page):
        url_name, query, _lastmod = page
        return reverse(url_name) + (f"?{urlencode(query)}" if query else "")

    def lastmod(self, page):
        return page[2]


def sitemap_kinds():
    return [kind for kind in kinds.listing_kinds() if kind.in_sitemap]


def sitemap_sections():
    """{section: sitemap class} for Django's sitemap views: the list pages, then each kind's listings.

    Classes, not instances: the views make one per request (a sitemap keeps the latest change of the page it built).
    """
    return {"pages": ListPageSitemap, **{kind.name: partial(ListingSitemap, kind.model) for kind in sitemap_kinds()}}
