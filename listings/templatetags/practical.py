"""A place's practical facts for its page: grouped by topic, each with what its date means today."""

from dataclasses import dataclass, field

from django import template

from corridor_portal import clock
from listings.dating import FactAge
from listings.models import TOPIC_ORDER, FactTopic

register = template.Library()


@dataclass
class FactGroup:
    topic: FactTopic
    facts: list = field(default_factory=list)

    @property
    def label(self):
        return self.topic.label


@dataclass
class PracticalFacts:
    groups: list

    @property
    def topics(self):
        return {group.topic for group in self.groups}

    @property
    def has_hours(self):
        return FactTopic.HOURS in self.topics

    @property
    def has_ticket(self):
        return FactTopic.TICKET in self.topics


def group_facts(facts, today):
    """The facts by topic in the page's order, each with its `age` on `today`; ended facts last in their topic."""
    groups = {}
    for fact in facts:
        fact.age = fact.age_on(today)
        groups.setdefault(fact.topic, FactGroup(FactTopic(fact.topic))).facts.append(fact)
    for group in groups.values():
        group.facts.sort(key=lambda fact: fact.age == FactAge.ENDED)
    return PracticalFacts([groups[topic] for topic in sorted(groups, key=TOPIC_ORDER.get)])


@register.simple_tag
def practical_facts(listing):
    """The listing's practical facts (prefetched with their sources by its detail page's queryset)."""
    return group_facts(listing.facts.all(), clock.today())
