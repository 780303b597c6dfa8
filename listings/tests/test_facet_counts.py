"""The lists' facet counts, compiled by listings.filters.conditional_counts() without Django's aggregate() when the
query allows: the same counts as aggregate() gives, on every list of the demo data with filters of every kind."""

import pytest
from django.db.models.query import QuerySet

from listings import filters

pytestmark = pytest.mark.django_db

LISTS = [
    "/en/attractions/",
    "/en/attractions/?county=hunchun&season=winter",
    "/attractions/?category=historical&a_level=5&free=1",
    "/en/attractions/?q=mountain&county=changbai",
    "/en/attractions/?near=fangchuan",
    "/ko/villages/?homestays=1&culture=korean",
    "/en/routes/?days=3&theme=winter",
    "/en/ports/?country=kp&open=1",
    "/en/events/",
    "/ru/events/?month=this",
    "/en/events/?month=next&county=hunchun&kind=festival",
    "/en/events/?q=snow&month=1",
    "/en/stays/?kind=homestay&county=hunchun",
    "/en/getting-there/",
]


@pytest.fixture
def demo(demo_data, settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False
    settings.FACET_CACHE_ENABLED = False


def test_the_counts_compiled_directly_are_djangos_and_most_lists_take_that_way(client, demo, monkeypatch):
    aggregated = []
    real_aggregate = QuerySet.aggregate

    def counting_aggregate(queryset, *args, **kwargs):
        aggregated.append(queryset.model)
        return real_aggregate(queryset, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "aggregate", counting_aggregate)
    direct = {url: client.get(url) for url in LISTS}
    taken_directly = len(LISTS) - len(aggregated)

    def through_aggregate(queryset, aggregates):
        return real_aggregate(queryset, **aggregates)

    monkeypatch.setattr(filters, "conditional_counts", through_aggregate)
    for url, page in direct.items():
        assert page.status_code == 200, url
        assert page.content.decode() == client.get(url).content.decode(), url
    assert taken_directly >= len(LISTS) // 2, aggregated
