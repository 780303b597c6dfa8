"""A trip read from its address: the saved listings that are still published, in days, with the known distances.

Any kind registered in listings.kinds can be saved (its app label names it in the address), so a new kind (places
to stay) joins trips by registering. A draft, an unpublished or a deleted listing is never shown: it is counted as
no longer available, and the trip page says so.
"""

from dataclasses import dataclass, field
from itertools import groupby, pairwise

from django.db import models
from django.utils.text import capfirst

from listings import kinds
from listings.geometry import great_circle_km
from listings.i18n import text_and_language

from .items import TripItemRef


def name_field(listing):
    """The field a listing is named by: a Border Tour has a title, everything else a name."""
    names = {model_field.name for model_field in listing._meta.get_fields()}
    return "name" if "name" in names else "title"


@dataclass(frozen=True)
class Position:
    latitude: float
    longitude: float
    is_approximate: bool  # a stand-in (the county seat): never a distance from it


def position_of(listing):
    """Where a saved item is: a place or a port at its position, an event at its venue; None for what has no one
    position (a Border Tour spans many places, an event known only by its county has none of its own)."""
    venue = getattr(listing, "venue", None)
    if venue is not None:
        listing = venue
    elif hasattr(listing, "venue"):
        return None
    if not isinstance(getattr(listing, "latitude", None), float | int):
        return None
    return Position(listing.latitude, listing.longitude, bool(listing.position_is_approximate))


@dataclass(frozen=True)
class TripLeg:
    """The way from the item before: straight-line km between two exact positions, else why it is not known."""

    km: float | None
    # "approximate": one position is a stand-in; "no-position": a Border Tour or an event without a place.
    unknown_because: str = ""

    @property
    def is_known(self):
        return self.km is not None


def leg_between(previous, current):
    if previous is None or current is None:
        return TripLeg(None, "no-position")
    if previous.is_approximate or current.is_approximate:
        return TripLeg(None, "approximate")
    km = great_circle_km(previous.latitude, previous.longitude, current.latitude, current.longitude)
    return TripLeg(round(km, 1))


@dataclass
class TripEntry:
    ref: TripItemRef
    listing: models.Model
    kind: kinds.ListingKind
    position: Position | None
    leg_from_previous: TripLeg | None = None

    @property
    def name(self):
        return text_and_language(self.listing, name_field(self.listing))[0]

    @property
    def label(self):
        """What it is, in a word ("Attraction", "Border Tour"); a kind without a label by its model's name."""
        return self.kind.label or capfirst(self.kind.model._meta.verbose_name)

    @property
    def name_field(self):
        return name_field(self.listing)

    @property
    def is_route(self):
        return hasattr(self.listing, "itinerary")

    @property
    def is_event(self):
        return hasattr(self.listing, "venue")


@dataclass
class TripDay:
    number: int
    entries: list = field(default_factory=list)


@dataclass
class Trip:
    refs: list  # every item the address named, in its order
    entries: list  # the published ones, by day, each day in the address's order
    missing: list  # the items no published listing answers to (unknown kind, slug, a draft)

    @classmethod
    def load(cls, refs):
        by_kind = {kind.name: kind for kind in kinds.listing_kinds()}
        found = {}
        wanted = {}
        for ref in refs:
            if ref.kind in by_kind:
                wanted.setdefault(ref.kind, set()).add(ref.slug)
        for name, slugs in wanted.items():
            kind = by_kind[name]
            queryset = kind.model._default_manager.published()
            if hasattr(queryset, "for_detail_page"):
                queryset = queryset.for_detail_page()
            for listing in queryset.filter(slug__in=slugs):
                found[(name, listing.slug)] = listing
        entries, missing = [], []
        for ref in sorted(refs, key=lambda ref: ref.day):  # stable: the address's order inside a day
            listing = found.get((ref.kind, ref.slug))
            if listing is None:
                missing.append(ref)
                continue
            entries.append(TripEntry(ref=ref, listing=listing, kind=by_kind[ref.kind], position=position_of(listing)))
        for previous, entry in pairwise(entries):
            entry.leg_from_previous = leg_between(previous.position, entry.position)
        return cls(refs=list(refs), entries=entries, missing=missing)

    @property
    def days(self):
        return [TripDay(number, list(entries)) for number, entries in groupby(self.entries, key=lambda e: e.ref.day)]

    @property
    def known_refs(self):
        """The items still published, in the trip's order: the address the page offers to keep and share."""
        return [entry.ref for entry in self.entries]

    def known_km(self):
        return round(sum(entry.leg_from_previous.km for entry in self.entries if self._known_leg(entry)), 1)

    def known_legs(self):
        return sum(1 for entry in self.entries[1:] if self._known_leg(entry))

    def unknown_legs(self):
        return sum(1 for entry in self.entries[1:] if not self._known_leg(entry))

    @staticmethod
    def _known_leg(entry):
        return entry.leg_from_previous is not None and entry.leg_from_previous.is_known
