"""The practical facts and rules for travellers: exactly the rows of the CSV files, with their sources, dates and
translations, and loading again changes nothing."""

import csv
import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from advice.models import RuleTopic, TravelRule
from attractions.models import AttractionFact
from demo.loading.practical import DATA_DIR
from listings.dating import FactAge
from listings.models import FactTopic

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue().strip()


def rows(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


DEMO_LOADERS = ("load_demo_data", "load_practical_data")


@pytest.fixture
def loaded(demo_data):
    """The corridor and the practical facts, loaded once for this module (conftest.py demo_data): what the
    practical loader said."""
    return demo_data["load_practical_data"]


def snapshot():
    return {
        "facts": list(AttractionFact.objects.order_by("pk").values()),
        "fact_sources": sorted(AttractionFact.sources.through.objects.values_list("attractionfact_id", "source_id")),
        "rules": list(TravelRule.objects.order_by("pk").values()),
        "rule_sources": sorted(TravelRule.sources.through.objects.values_list("travelrule_id", "source_id")),
    }


def test_exactly_the_rows_of_the_files(loaded):
    changbai, rules, road = rows("changbai-mountain.csv"), rows("travel-rules.csv"), rows("road.csv")
    assert (len(changbai), len(rules), len(road)) == (30, 26, 16)
    facts = AttractionFact.objects.filter(attraction__slug="changbai-mountain-tianchi")
    assert facts.count() == 30 == AttractionFact.objects.count()
    assert sorted(facts.values_list("position", flat=True)) == [int(row["id"]) for row in changbai]
    assert TravelRule.objects.count() == 42
    assert set(TravelRule.objects.values_list("key", flat=True)) == {
        *(f"travel-rules-{row['id']}" for row in rules),
        *(f"road-{row['id']}" for row in road),
    }
    assert "created 72" in loaded


def test_every_conflicting_price_is_its_own_fact_with_its_source(loaded):
    tickets = AttractionFact.objects.filter(topic=FactTopic.TICKET)
    assert {fact.value for fact in tickets} >= {"105 CNY", "125 / 85 / 80 CNY", "125 / 80 / 80 CNY", "215 CNY"}
    entry_125 = tickets.get(position=22)
    assert entry_125.text_en == "North area: Entry 125, return bus 80, summit minivan 80 (return)."
    assert entry_125.text_zh_hans.startswith("北景区：门票125元")
    assert entry_125.verified_on == datetime.date(2013, 6, 28)
    assert entry_125.written_in == "en" and entry_125.confidence == "low"
    assert [source.citation for source in entry_125.sources.all()] == [rows("changbai-mountain.csv")[21]["sources"]]


def test_dates_as_the_sources_give_them(loaded):
    facts = {fact.position: fact for fact in AttractionFact.objects.all()}
    assert facts[4].verified_on == datetime.date(2025, 4, 17)  # the Jilin Daily report
    assert facts[18].verified_on is None  # undated: not confirmed by any dated source
    assert facts[10].verified_on is None  # "13 Nov (year not shown)": no year is guessed
    assert (facts[29].verified_on, facts[29].verified_year_only) == (datetime.date(2019, 1, 1), True)
    assert facts[1].verified_on == datetime.date(2024, 10, 29)  # the mirror's date, as the sheet gives it
    assert facts[4].age_on(datetime.date(2026, 5, 1)) == FactAge.STALE
    assert facts[4].age_on(datetime.date(2026, 1, 1)) == FactAge.CURRENT


def test_rules_with_their_end_dates_topics_and_numbers(loaded):
    russia = TravelRule.objects.get(key="travel-rules-14")
    assert (russia.topic, russia.valid_from, russia.valid_until) == (
        RuleTopic.VISAS,
        datetime.date(2025, 9, 15),
        datetime.date(2026, 9, 14),
    )
    assert russia.age_on(datetime.date(2026, 12, 6)) == FactAge.ENDED
    assert TravelRule.objects.get(key="travel-rules-18").valid_until == datetime.date(2025, 3, 5)
    assert TravelRule.objects.get(key="travel-rules-3").valid_from is None  # "2017": no day or month stated
    emergency = TravelRule.objects.get(key="travel-rules-21")
    assert (emergency.topic, emergency.phone_numbers) == (RuleTopic.EMERGENCY, "110 119 120 122")
    road = TravelRule.objects.get(key="road-12")
    assert road.topic == RuleTopic.ROAD and road.places_zh_hans == "G331 K973+032 望云桥"
    assert all(rule.text_zh_hans and rule.text_ko and rule.text_ru for rule in TravelRule.objects.all())
    assert all(fact.text_zh_hans and fact.text_ko and fact.text_ru for fact in AttractionFact.objects.all())


def test_loading_again_changes_nothing(loaded):
    before = snapshot()
    assert "nothing changed" in run("load_practical_data")
    assert "created 0, updated 0, unchanged 72" in run("load_practical_data", "--update")
    assert snapshot() == before


def test_update_restores_the_files_and_reset_reloads(loaded):
    rule = TravelRule.objects.get(key="travel-rules-21")
    rule.phone_numbers = "999"
    rule.save()
    assert "updated 1" in run("load_practical_data", "--update")
    assert TravelRule.objects.get(key="travel-rules-21").phone_numbers == "110 119 120 122"
    assert "created 72" in run("load_practical_data", "--reset")
    assert TravelRule.objects.count() == 42


def test_the_demo_pages_show_the_facts_and_rules(loaded, client, set_day):
    set_day(datetime.date(2026, 12, 6))
    mountain = client.get("/ko/attractions/changbai-mountain-tianchi/").content.decode()
    assert "북파: 입장권 125위안" in mountain  # a conflicting price, with its area, in Korean
    assert "12개월이 넘은 정보" in mountain  # its 2013 source is old
    before = client.get("/ru/before-you-go/").content.decode()
    assert 'href="tel:110"' in before and "Прекратило действие 14 сентября 2026 г." in before  # the Russian waiver
    practical = client.get("/practical/").content.decode()
    assert "北景区：门票125元" in practical
