"""The lists' facet counts are counted once per content version and shared by every language, sort order and
page of a list; a change to the content shows in them at once, as in the pages."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from attractions.tests.factories import make_attraction
from corridor_portal.tests.test_page_cache import shared_cache  # noqa: F401 -- a Redis database and key prefix of this test's own
from listings.models import Status
from listings.tests.factories import make_region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def facet_cache_only(shared_cache):  # noqa: F811
    # The page cache stays off: every request renders, only the counts may come from the cache.
    with override_settings(PAGE_CACHE_ENABLED=False, FACET_CACHE_ENABLED=True):
        yield


def county_counts(response):
    group = next(group for group in response.context["facet_groups"] if group.name == "county")
    return {option.value: option.count for option in group.options}


def counting_queries(client, url):
    """The response, and how many of its queries counted facets (an aggregate with FILTER)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, sum(" FILTER (WHERE " in query["sql"] for query in queries.captured_queries)


def test_counts_are_shared_by_languages_and_sort_orders_and_follow_every_change(client):
    hunchun, tumen = make_region("hunchun"), make_region("tumen")
    make_attraction(region=hunchun, slug="fangchuan")

    response, counted = counting_queries(client, "/attractions/?category=natural")
    assert counted == 1
    assert county_counts(response)["hunchun"] == 1

    for url in ("/en/attractions/?category=natural", "/ko/attractions/?category=natural&sort=name&page=1"):
        response, counted = counting_queries(client, url)
        assert counted == 0, url
        assert county_counts(response)["hunchun"] == 1

    # Other filters are other counts.
    _response, counted = counting_queries(client, "/attractions/?category=history")
    assert counted == 1

    # Staff publish one more, move one, unpublish one: the next request counts again and shows it.
    second = make_attraction(region=hunchun, slug="hunchun-second")
    response, counted = counting_queries(client, "/en/attractions/?category=natural")
    assert counted == 1
    assert county_counts(response)["hunchun"] == 2

    second.region = tumen
    second.save()
    response, _counted = counting_queries(client, "/attractions/?category=natural")
    assert (county_counts(response)["hunchun"], county_counts(response)["tumen"]) == (1, 1)

    second.status = Status.DRAFT
    second.save()
    response, _counted = counting_queries(client, "/attractions/?category=natural")
    assert county_counts(response)["tumen"] == 0


def test_without_the_cache_every_request_counts(client):
    make_attraction(region=make_region("hunchun"), slug="fangchuan")
    with override_settings(FACET_CACHE_ENABLED=False):
        for _ in range(2):
            assert counting_queries(client, "/attractions/")[1] == 1


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?county=hunchun",
        "?county=hunchun&county=tumen&category=natural",
        "?q=fangchuan",
        "?q=fangchuan&county=tumen",
        "?near=fangchuan&radius=50",
        "?near=fangchuan&radius=50&category=history&season=winter",
        "?county=nowhere&page=1",
    ],
)
def test_the_number_of_results_counted_with_the_facets_is_the_number_of_results(client, query):
    hunchun, tumen = make_region("hunchun"), make_region("tumen")
    make_attraction(region=hunchun, slug="fangchuan", name_en="Fangchuan")
    make_attraction(region=hunchun, slug="fangchuan-lookout", name_en="Fangchuan lookout", category="history")
    make_attraction(region=tumen, slug="tumen-bridge", best_seasons=["winter"], category="history")
    make_attraction(region=tumen, slug="tumen-draft", status=Status.DRAFT)
    for _ in range(2):  # counted, then from the cache
        response = client.get(f"/attractions/{query}")
        assert response.status_code == 200
        expected = response.context["filterset"].qs.count()
        assert response.context["result_count"] == response.context["paginator"].count == expected
