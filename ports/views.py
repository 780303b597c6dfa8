from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from corridor_portal import clock
from listings.maps import Marker, build_map
from listings.models import Region
from listings.views import FilteredListView, PublishedDetailView
from sharing.views import DetailPageMetadataMixin, ListPageMetadataMixin

from .filters import PortFilterSet
from .models import CROSSING_ANSWER_SHORT, CrossingAnswer, PortOfEntry, RuleState, rules_as_of

# The colour of a port's marker says whether tourists can cross there now.
CROSSING_COLOURS = {
    CrossingAnswer.YES: "#2a7f3f",
    CrossingAnswer.YES_FOR_SOME: "#6a9a2f",
    CrossingAnswer.SUSPENDED: "#c77d00",
    CrossingAnswer.NO: "#b5473a",
    CrossingAnswer.UNKNOWN: "#52616b",
}


def crossing_legend():
    return [(CROSSING_COLOURS[answer], label) for answer, label in CROSSING_ANSWER_SHORT.items()]


def ports_map(title, ports, regions):
    """The ports on the corridor map, coloured by whether tourists can cross now."""
    markers = [
        Marker(
            port.latitude,
            port.longitude,
            f"{port.name} — {port.crossing_answer_short}",
            port.get_absolute_url(),
            colour=CROSSING_COLOURS[port.crossing_answer],
            approximate=port.position_is_approximate,
            region_id=port.region_id,
        )
        for port in ports
    ]
    return build_map(title, regions, markers)


class PortListView(ListPageMetadataMixin, FilteredListView):
    """The ports of entry west to east on a map, filterable by the country across and "can cross now"."""

    model = PortOfEntry
    filterset_class = PortFilterSet
    template_name = "ports/port_list.html"
    fragment_template_name = "ports/includes/port_browse.html"
    card_template = "ports/includes/port_card.html"
    count_text = ngettext_lazy("%(n)s port of entry", "%(n)s ports of entry", "n")
    map_title = _("Ports of entry")

    def get_queryset(self):
        self.today = clock.today()
        return super().get_queryset().with_status_check(self.today)

    def get_list_map(self, items):
        return ports_map(self.map_title, items, self.filterset.regions)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            crossing_legend=crossing_legend(),
            border_lines=PortOfEntry.objects.published().for_list_page().border_lines(self.today),
            today=self.today,
            **kwargs,
        )


class PortDetailView(DetailPageMetadataMixin, PublishedDetailView):
    model = PortOfEntry
    template_name = "ports/port_detail.html"
    context_object_name = "port"
    shows_lists = ("ports",)  # the other crossings on the same border

    def get_queryset(self):
        self.today = clock.today()
        return super().get_queryset().with_status_check(self.today)

    def get_context_data(self, **kwargs):
        port = self.object
        same_border = PortOfEntry.objects.published().for_list_page().filter(across_country=port.across_country)
        rules = rules_as_of(port.rules.all(), self.today)
        return super().get_context_data(
            map=ports_map(port.name, [port], Region.objects.along_corridor()),
            crossing_legend=crossing_legend(),
            rules=rules,
            has_ended_rules=any(rule.state == RuleState.ENDED for rule in rules),
            border_lines=same_border.border_lines(self.today),
            today=self.today,
            **kwargs,
        )
