"""The list filters and the search use indexes, so their cost does not grow with the table.

The planner only prefers an index on a table of some size with fresh statistics: these tests write a few
thousand attractions with bulk_create, ANALYZE, and read the plan PostgreSQL chooses (EXPLAIN).
"""

import pytest
from django.db import connection

from attractions.models import Attraction
from listings.models import Region, Season, Status, Theme
from pages.views import published_count_in_region

from .factories import make_region

pytestmark = pytest.mark.django_db

ROWS = 4000
INDEXES = {
    "attraction_status_region",
    "attraction_seasons_gin",
    "attraction_names_trgm",
    "attraction_text_trgm",
    "attraction_grams_gin",
    "attraction_position",
    "attraction_published_by_level",
    "attraction_county_category",
}


@pytest.fixture(scope="module")
def many_attractions(module_transaction, django_db_blocker):
    """4,000 attractions in six counties, written once for the module (the tests only read them)."""
    with django_db_blocker.unblock():
        return write_many_attractions()


def write_many_attractions():
    regions = [make_region(slug) for slug in ("jian", "linjiang", "changbai", "helong", "tumen", "hunchun")]
    seasons = [[], [Season.WINTER], [Season.SUMMER, Season.AUTUMN], [Season.SPRING]]
    themes = [value for value, _label in Theme.choices]
    rows = []
    for n in range(ROWS):
        region = regions[n % len(regions)]
        chinese = f"合成{'松岭雪村' if n == 7 else '长白峡谷'}{n}"
        row = Attraction(
            slug=f"synthetic-{n}",
            name_zh_hans=chinese,
            name_en=f"Synthetic {'Songling snow village' if n == 7 else 'canyon'} {n}",
            description_en="A canyon of basalt cliffs" if n == 11 else "A synthetic listing",
            region=region,
            # Spread around the county seat, about 40 km each way, as real listings are.
            latitude=region.latitude + (n % 37 - 18) * 0.02,
            longitude=region.longitude + (n % 41 - 20) * 0.025,
            a_level=n % 6,
            category=themes[n % len(themes)],
            best_seasons=seasons[n % len(seasons)],
            status=Status.DRAFT if n % 10 == 0 else Status.PUBLISHED,
        )
        row.fill_search_columns()
        rows.append(row)
    Attraction.objects.bulk_create(rows, batch_size=1000)
    with connection.cursor() as cursor:
        # What autovacuum does on a live database: new rows leave the GIN indexes' pending lists, and
        # the planner gets statistics.
        for name in sorted(INDEXES):
            cursor.execute(
                "SELECT gin_clean_pending_list(%s::regclass) FROM pg_am WHERE amname = 'gin' AND EXISTS "
                "(SELECT 1 FROM pg_class c JOIN pg_am a ON a.oid = c.relam WHERE c.relname = %s "
                "AND a.amname = 'gin')",
                [name, name],
            )
        cursor.execute("ANALYZE attractions_attraction")
    return regions


def plan(queryset):
    return queryset.order_by().explain()


def test_the_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'attractions_attraction'")
        names = {row[0] for row in cursor.fetchall()}
    assert names >= INDEXES


def test_county_season_and_category_filters_use_indexes(many_attractions):
    published = Attraction.objects.published()
    filtered = published.filter(region=many_attractions[-1], best_seasons__overlap=[Season.WINTER], category="natural")
    explained = plan(filtered)
    assert "attraction_county_category" in explained
    assert "attraction_seasons_gin" in explained
    assert "Seq Scan on attractions_attraction" not in explained


def test_what_is_near_a_place_reads_the_position_index(many_attractions):
    place = Attraction.objects.published().first()
    explained = Attraction.objects.published().near(place, 30).for_map()[:6].explain()
    assert "attraction_position" in explained
    assert "Seq Scan on attractions_attraction" not in explained


def test_the_home_pages_best_rated_attractions_read_their_index(many_attractions):
    explained = Attraction.objects.published().best_rated_first()[:150].explain()
    assert "attraction_published_by_level" in explained
    assert "Sort" not in explained  # read in the index's order, stopped after 150


def test_the_home_pages_county_counts_read_an_index(many_attractions):
    counted = Region.objects.annotate(n=published_count_in_region(Attraction))
    assert sum(region.n for region in counted) == Attraction.objects.published().count()
    explained = counted.explain()
    assert "attraction_status_region" in explained
    assert "Seq Scan on attractions_attraction" not in explained


def search_plan(query):
    published = Attraction.objects.published()
    return plan(published.filter(published.search_condition(query)))


def found(query):
    return list(Attraction.objects.published().search(query).values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("snow village", "attraction_names_trgm"),  # a name, in English
        ("松岭雪村", "attraction_names_trgm"),  # a name, in Chinese
        ("songlingxuecun", "attraction_names_trgm"),  # its pinyin
        ("snow vilage", "attraction_names_trgm"),  # a near miss (word similarity, `%>`)
        ("basalt", "attraction_text_trgm"),  # a word of a description
        ("雪村", "attraction_grams_gin"),  # two characters: no trigram, the short pieces
    ],
)
def test_every_kind_of_search_uses_an_index(many_attractions, query, index):
    explained = search_plan(query)
    assert index in explained
    assert "Seq Scan on attractions_attraction" not in explained


def test_the_indexed_search_still_finds_the_rows(many_attractions):
    assert found("松岭雪村") == ["synthetic-7"]
    assert found("雪村") == ["synthetic-7"]
    assert found("song ling") == ["synthetic-7"]
    assert found("Snow Vilage")[0] == "synthetic-7"
    assert found("BASALT") == ["synthetic-11"]
