"""The traveller's two reference pages: "Before you go" (the rules) and the practical facts of the places."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from attractions.models import AttractionFact
from corridor_portal import clock
from listings import kinds
from listings.cachetags import depends_on, list_tag, list_tags
from listings.models import Region, Status
from listings.templatetags.practical import group_facts
from sharing import seo
from villages.models import VillageFact

from .models import TOPIC_ORDER, RuleTopic, TravelRule


@dataclass
class RuleGroup:
    topic: RuleTopic
    rules: list = field(default_factory=list)

    @property
    def label(self):
        return self.topic.label


def group_rules(rules, today):
    """The rules by topic in the page's order, each with its `age` on `today`; ended rules last in their topic."""
    groups = {}
    for rule in rules:
        rule.age = rule.age_on(today)
        groups.setdefault(rule.topic, RuleGroup(RuleTopic(rule.topic))).rules.append(rule)
    for group in groups.values():
        group.rules.sort(key=lambda rule: rule.age == "ended")
    return [groups[topic] for topic in sorted(groups, key=TOPIC_ORDER.get)]


class PageMixin:
    title = ""
    description = ""
    url_name = ""

    def page_seo(self):
        return seo.build(
            self.request,
            title=str(self.title),
            description=str(self.description),
            canonical_path=reverse(self.url_name),
            image_path=reverse("preview_site"),
        )


class BeforeYouGoView(PageMixin, TemplateView):
    """Border-area rules, photography and drones, visas with their end dates, numbers to call, paying, the road:
    each with its sources, its date and how old it is."""

    template_name = "advice/before_you_go.html"
    title = _("Before you go: rules and numbers for the border corridor")
    description = _(
        "Border-area rules and ID checks, photography and drones, visa-free entry with its end dates, emergency "
        "numbers, paying as a foreign visitor and the road: each with its source and date."
    )
    url_name = "advice:before_you_go"

    def get_context_data(self, **kwargs):
        depends_on(list_tag(TravelRule))
        today = clock.today()
        rules = TravelRule.objects.published().prefetch_related("sources").in_order()
        groups = group_rules(rules, today)
        emergency = [rule for rule in rules if rule.topic == RuleTopic.EMERGENCY and rule.phone_numbers]
        return super().get_context_data(groups=groups, emergency=emergency, today=today, seo=self.page_seo(), **kwargs)


@dataclass
class PlaceFacts:
    place: object
    practical: object


class PracticalFactsView(PageMixin, TemplateView):
    """The practical facts (hours, tickets, booking, seasons) of every published place, county by county along
    the road, each with its date and how old it is."""

    template_name = "advice/practical_facts.html"
    title = _("Opening hours, tickets and seasons along the G331")
    description = _(
        "The practical facts of the attractions and villages along the corridor, county by county, each with its "
        "source and the date it was last verified."
    )
    url_name = "advice:practical_facts"

    def get_context_data(self, **kwargs):
        today = clock.today()
        # A fact changes with its place: the places' list tags (facts are part of what their lists show).
        depends_on(*list_tags(kinds.place_models()))
        places = {}
        for model, name in ((AttractionFact, "attraction"), (VillageFact, "village")):
            facts = (
                model.objects.filter(**{f"{name}__status": Status.PUBLISHED})
                .select_related(name)
                .prefetch_related("sources")
                .in_order()
            )
            for fact in facts:
                place = getattr(fact, name)
                places.setdefault((name, place.pk), (place, []))[1].append(fact)
        by_region = {}
        for place, facts in places.values():
            by_region.setdefault(place.region_id, []).append(PlaceFacts(place, group_facts(facts, today)))
        counties = [
            (region, sorted(by_region[region.pk], key=lambda entry: entry.place.name))
            for region in Region.objects.along_corridor()
            if region.pk in by_region
        ]
        return super().get_context_data(counties=counties, today=today, seo=self.page_seo(), **kwargs)
