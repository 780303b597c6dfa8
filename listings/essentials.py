"""The essentials of a listing's page, in a facts box right under its title and picture (issue 26).

Season, hours, ticket, getting there and the border-area notes: what a traveller decides on, before the
description. Each row is computed here from what the page already reads (its practical facts, its nearest hubs, its
notes), so the template only shows it: a row with nothing known says "not known yet", a dated fact keeps its date,
and an approximate position never yields a distance (hubs.models.nearest_to gives none).
"""

from dataclasses import dataclass, field

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import FactTopic, Season
from .templatetags.practical import PracticalFacts

# The practical facts the box shows itself; the page's list below keeps the other topics.
BOX_TOPICS = (FactTopic.SEASON, FactTopic.HOURS, FactTopic.TICKET, FactTopic.ACCESS)


@dataclass
class EssentialRow:
    """One line of the facts box."""

    key: str  # season, hours, ticket, getting-there, border-notes: a class to style and to test by
    label: str
    text: str = ""  # the value, in the page's language
    # A text of a listing's own, shown with the `tr` filter (its language marked when it is a fallback).
    translated_obj: object = None
    translated_field: str = ""
    link: str = ""  # where the value leads (a hub's page)
    note: str = ""  # a word beside the value ("at its best now")
    facts: list = field(default_factory=list)  # this topic's dated facts, each with its `age`
    more: str = ""  # the details further down the page ("#hubs-heading") or elsewhere
    more_text: str = ""

    @property
    def is_unknown(self):
        return not (self.text or self.translated_obj or self.facts)


@dataclass
class Essentials:
    rows: list
    # The practical facts of the topics the box does not show, for the list further down.
    other_practical: PracticalFacts
    border_notes: list
    is_route: bool = False

    @property
    def has_dated_facts(self):
        return any(row.facts for row in self.rows)


def _facts_of(practical, topic):
    return next((group.facts for group in practical.groups if group.topic == topic), [])


def season_row(listing, season, practical):
    """The best seasons (when the listing records them), whether now is one, and the seasonal-opening facts."""
    row = EssentialRow("season", _("Best seasons"), facts=_facts_of(practical, FactTopic.SEASON))
    best = getattr(listing, "best_seasons", None)
    if best:
        row.text = (
            _("All year") if listing.good_all_year else ", ".join(str(label) for label in listing.best_season_labels)
        )
        row.note = _("At its best now") if season in best else _("Not its best season now")
    return row


def hours_row(listing, practical):
    row = EssentialRow("hours", _("Opening hours"), facts=_facts_of(practical, FactTopic.HOURS))
    if not row.facts and getattr(listing, "opening_hours", ""):
        row.translated_obj, row.translated_field = listing, "opening_hours"
    return row


def ticket_row(listing, practical):
    row = EssentialRow("ticket", _("Ticket"), facts=_facts_of(practical, FactTopic.TICKET))
    price = getattr(listing, "ticket_price", None)
    if not row.facts and price is not None:
        row.text = _("Free") if price == 0 else _("%(price)s yuan") % {"price": floatformat(price, "-2")}
    return row


def getting_there_row(listing, practical, nearest_hubs):
    """The nearest airport or station with its straight-line distance (none when either position is unknown)."""
    row = EssentialRow(
        "getting-there",
        _("Getting there"),
        facts=_facts_of(practical, FactTopic.ACCESS),
        more=reverse("hubs:list"),
        more_text=_("Airports and stations"),
    )
    if nearest_hubs:
        hub = nearest_hubs[0]
        row.translated_obj, row.translated_field, row.link = hub, "name", hub.get_absolute_url()
        if hub.distance_km is not None:
            row.text = _("%(kind)s, straight-line distance about %(km)s km") % {
                "kind": hub.get_kind_display(),
                "km": round(hub.distance_km),
            }
        else:
            row.text = _("%(kind)s of this county; distance not known") % {"kind": hub.get_kind_display()}
        row.more, row.more_text = "#hubs-heading", _("All nearest airports and stations")
    return row


def border_notes_row(border_notes):
    count = len(border_notes)
    if count:
        text = ngettext(
            "%(count)d border-area note: read it before you go",
            "%(count)d border-area notes: read them before you go",
            count,
        ) % {"count": count}
        return EssentialRow(
            "border-notes", _("Border notes"), text=text, more="#border-notes-heading", more_text=_("Read")
        )
    return EssentialRow(
        "border-notes",
        _("Border notes"),
        text=_("None recorded here; the border area's general rules still apply"),
        more=reverse("advice:before_you_go"),
        more_text=_("Before you go"),
    )


def place_essentials(place, today, practical, nearest_hubs, border_notes):
    """The facts box of an attraction's or a village's page.

    A village has no opening hours or ticket of its own: those rows show only when a source gives one."""
    season = Season.for_month(today.month)
    rows = [season_row(place, season, practical)]
    for row in (hours_row(place, practical), ticket_row(place, practical)):
        if not row.is_unknown or hasattr(place, "opening_hours"):
            rows.append(row)
    rows += [getting_there_row(place, practical, nearest_hubs), border_notes_row(border_notes)]
    other = PracticalFacts([group for group in practical.groups if group.topic not in BOX_TOPICS])
    return Essentials(rows=rows, other_practical=other, border_notes=border_notes)


def route_essentials(route, today, border_notes):
    """A Border Tour's box: its seasons (and whether now is one) and its border notes; the template adds its days,
    start, transport and price, which are the tour's own fields."""
    no_facts = PracticalFacts([])
    rows = [season_row(route, Season.for_month(today.month), no_facts), border_notes_row(border_notes)]
    return Essentials(rows=rows, other_practical=no_facts, border_notes=border_notes, is_route=True)
