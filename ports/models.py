"""Ports of entry on the border, what a tourist can do at each, and the practical notes of the border area."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Prefetch, Q, Value, When
from django.utils.translation import gettext_lazy as _

from listings import kinds
from listings.fields import ChoiceArrayField
from listings.geometry import position_constraint
from listings.links import slug_url
from listings.models import (
    Confidence,
    PlaceModel,
    PlaceQuerySet,
    PublishableModel,
    PublishableQuerySet,
    Region,
    Source,
    Status,
    choice_labels,
)
from listings.places import AtPlace
from listings.search import search_indexes

# A port's status is flagged as possibly out of date once its last check is older than this.
STALE_AFTER_MONTHS = 12


def months_before(day, months):
    """The same day `months` earlier (the last day of that month when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def stale_cutoff(today):
    """A status checked before this date is older than twelve months on `today`."""
    return months_before(today, STALE_AFTER_MONTHS)


class PortKind(models.TextChoices):
    ROAD = "road", _("Road")
    RAIL = "rail", _("Rail")
    RIVER = "river", _("River")


class Country(models.TextChoices):
    NORTH_KOREA = "kp", _("North Korea (DPRK)")
    RUSSIA = "ru", _("Russia")


class Crossing(models.TextChoices):
    """Can tourists cross here now?"""

    YES = "yes", _("Yes")
    SUSPENDED = "suspended", _("Suspended")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class CrossingAnswer(models.TextChoices):
    """The one answer a page gives to "can tourists cross now?", status and who may cross together."""

    YES = "yes", _("Yes: tourists cross here now.")
    YES_FOR_SOME = (
        "yes-for-some",
        _(
            "Some tourists cross here now, but who may cross is not confirmed for today: ask the port or a licensed "
            "travel agency whether you may."
        ),
    )
    SUSPENDED = "suspended", _("No: tourist crossings here are suspended.")
    NO = "no", _("No: tourists cannot cross here.")
    UNKNOWN = "unknown", _("Not known: no source says whether tourists can cross here now.")


# The short form of each answer, for cards, map markers and the country lines.
CROSSING_ANSWER_SHORT = {
    CrossingAnswer.YES: _("Yes"),
    CrossingAnswer.YES_FOR_SOME: _("Yes, but who may cross is not confirmed"),
    CrossingAnswer.SUSPENDED: _("Suspended"),
    CrossingAnswer.NO: _("No"),
    CrossingAnswer.UNKNOWN: _("Unknown"),
}


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month only")


class StatusCheck(models.TextChoices):
    """How recent the last check of a port's status is."""

    CURRENT = "current", _("Checked within the last 12 months")
    STALE = "stale", _("Older than 12 months")
    UNVERIFIED = "unverified", _("No date")


class PortQuerySet(PlaceQuerySet):
    def along_corridor(self):
        """West to east: by county along the road, then by the port's order along the border."""
        return self.order_by("region__corridor_order", "corridor_order", "slug")

    def open_to_tourists(self):
        return self.filter(tourist_crossing=Crossing.YES)

    def with_status_check(self, today):
        """Annotate `status_check` (current, stale or unverified) as it stands on `today`."""
        return self.annotate(
            status_check=Case(
                When(status_verified_on__isnull=True, then=Value(StatusCheck.UNVERIFIED.value)),
                When(status_verified_on__lt=stale_cutoff(today), then=Value(StatusCheck.STALE.value)),
                default=Value(StatusCheck.CURRENT.value),
                output_field=models.CharField(),
            )
        )

    def stale(self, today):
        """Ports whose status was last checked more than twelve months before `today`."""
        return self.filter(status_verified_on__lt=stale_cutoff(today))

    def for_list_page(self):
        return self.without_long_texts().select_related("region")

    def border_lines(self, today):
        """One BorderLine for each country across, from these ports' statuses on `today`."""
        return border_lines(self.with_status_check(today).along_corridor(), today)

    def for_detail_page(self):
        from attractions.models import Attraction

        viewpoints = Attraction.objects.published().select_related("region").along_corridor()
        return self.select_related("region").prefetch_related(
            "sources", "rules__sources", Prefetch("viewing_attractions", queryset=viewpoints)
        )


class PortOfEntry(PlaceModel):
    """A border crossing (口岸) to North Korea or Russia, and what a tourist can do there."""

    corridor_order = models.PositiveSmallIntegerField(
        _("order along the border"), default=0, help_text=_("Orders the ports of one county from west to east.")
    )
    kinds = ChoiceArrayField(
        models.CharField(max_length=10, choices=PortKind.choices), verbose_name=_("kind"), default=list, blank=True
    )
    across_town = models.CharField(
        _("town across the border"), max_length=200, blank=True, help_text=_("E.g. “Manpo, Chagang”.")
    )
    across_country = models.CharField(_("country across the border"), max_length=2, choices=Country.choices)
    tourist_crossing = models.CharField(
        _("tourists can cross now"), max_length=10, choices=Crossing.choices, default=Crossing.UNKNOWN, db_index=True
    )
    status_verified_on = models.DateField(
        _("status last verified on"),
        null=True,
        blank=True,
        help_text=_("The date of the newest source for the status. Empty when no source dates it."),
    )
    status_verified_precision = models.CharField(
        _("precision of that date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("“Month only” shows the date as a month (store the first day of that month)."),
    )
    status_note = models.TextField(_("about the status"), blank=True)
    destinations = models.TextField(_("where tours have gone"), blank=True)
    who_may_cross = models.TextField(_("who may cross"), blank=True, help_text=_("E.g. foreigners, third countries."))
    who_may_cross_confirmed = models.BooleanField(
        _("who may cross is confirmed for today"),
        default=False,
        help_text=_(
            "Tick only when a dated source says who may cross now. Until then a “yes” is shown as “some tourists "
            "cross here, but who may cross is not confirmed”."
        ),
    )
    documents = models.TextField(_("documents"), blank=True)
    viewing = models.TextField(
        _("what can be seen without crossing"), blank=True, help_text=_("Bridges, gates, viewing decks.")
    )
    viewing_attractions = models.ManyToManyField(
        "attractions.Attraction",
        blank=True,
        related_name="viewing_ports",
        verbose_name=_("attractions to see it from"),
    )
    crossing_confidence = models.CharField(
        _("confidence of the tourist facts"), max_length=10, choices=Confidence.choices, blank=True
    )

    objects = PortQuerySet.as_manager()

    class Meta:
        verbose_name = _("port of entry")
        verbose_name_plural = _("ports of entry")
        permissions = [("publish_portofentry", _("Can publish and unpublish ports of entry"))]
        ordering = ["region__corridor_order", "corridor_order", "slug"]
        constraints = [
            position_constraint("port"),
            models.CheckConstraint(
                condition=Q(tourist_crossing__in=Crossing.values), name="port_tourist_crossing_known_value"
            ),
            models.CheckConstraint(condition=Q(across_country__in=Country.values), name="port_country_known_value"),
        ]
        indexes = search_indexes("port")

    def get_absolute_url(self):
        return slug_url("ports:detail", self.slug)

    @property
    def kind_labels(self):
        return choice_labels(self.kinds, PortKind.choices)

    @property
    def is_open_to_tourists(self):
        return self.tourist_crossing == Crossing.YES

    @property
    def crossing_answer(self):
        """The status and who may cross as one statement: never a plain yes while who may cross is unknown."""
        if self.tourist_crossing == Crossing.YES:
            confirmed = self.who_may_cross_confirmed and self.who_may_cross
            return CrossingAnswer.YES if confirmed else CrossingAnswer.YES_FOR_SOME
        return CrossingAnswer(self.tourist_crossing)

    @property
    def crossing_answer_short(self):
        return CROSSING_ANSWER_SHORT[self.crossing_answer]

    @property
    def status_verified_by_month(self):
        return self.status_verified_precision == DatePrecision.MONTH

    def status_check_on(self, today):
        """current, stale or unverified: the same rule as PortQuerySet.with_status_check."""
        if self.status_verified_on is None:
            return StatusCheck.UNVERIFIED
        if self.status_verified_on < stale_cutoff(today):
            return StatusCheck.STALE
        return StatusCheck.CURRENT


@dataclass
class BorderLine:
    """What a traveller needs to know of one neighbour country in one line: where tourists can cross into it
    now (if anywhere), and the newest check among its ports' statuses."""

    country: str
    open_ports: list
    newest_check: PortOfEntry | None
    is_stale: bool

    @property
    def country_label(self):
        return Country(self.country).label

    @property
    def who_may_cross_unconfirmed(self):
        return any(port.crossing_answer == CrossingAnswer.YES_FOR_SOME for port in self.open_ports)


def border_lines(ports, today):
    """One BorderLine per country across (in Country's order) from the given ports, as they stand on `today`."""
    lines = []
    for country in Country.values:
        own = [port for port in ports if port.across_country == country]
        if not own:
            continue
        dated = [port for port in own if port.status_verified_on is not None]
        newest = max(dated, key=lambda port: port.status_verified_on, default=None)
        lines.append(
            BorderLine(
                country=country,
                open_ports=[port for port in own if port.is_open_to_tourists],
                newest_check=newest,
                is_stale=newest is not None and newest.status_verified_on < stale_cutoff(today),
            )
        )
    return lines


# Rules for crossing ---------------------------------------------------------------------------------


class RuleState(models.TextChoices):
    NOT_YET = "not-yet", _("Not yet in force")
    IN_FORCE = "in-force", _("In force")
    ENDED = "ended", _("Ended")


class CrossingRule(models.Model):
    """A rule that decides who may cross at a port (a visa waiver, a group-tour scheme), with its dates.

    Whether it is in force is computed from the clock: the day after `valid_until` it shows as ended, without
    anyone editing it.
    """

    port = models.ForeignKey(
        PortOfEntry, on_delete=models.CASCADE, related_name="rules", verbose_name=_("port of entry")
    )
    text = models.TextField(_("rule"))
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_from_precision = models.CharField(
        _("precision of that date"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    valid_until = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_(
            "The last day the rule applies, as a source states it. After it the rule shows as ended. Empty when "
            "no source gives an end date."
        ),
    )
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("rule for crossing")
        verbose_name_plural = _("rules for crossing")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="crossing_rule_ends_after_it_starts",
                violation_error_message=_("A rule cannot end before it starts."),
            )
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def valid_from_by_month(self):
        return self.valid_from_precision == DatePrecision.MONTH

    def state_on(self, today):
        if self.valid_from is not None and today < self.valid_from:
            return RuleState.NOT_YET
        if self.valid_until is not None and today > self.valid_until:
            return RuleState.ENDED
        return RuleState.IN_FORCE


def rules_as_of(rules, today):
    """The rules with their `state` on `today`: those in force or coming first, the ended ones last."""
    rules = list(rules)
    for rule in rules:
        rule.state = rule.state_on(today)
    return sorted(rules, key=lambda rule: rule.state == RuleState.ENDED)


# Border-area notes -----------------------------------------------------------------------------


class NoteKind(models.TextChoices):
    DOCUMENTS = "documents", _("Identity documents")
    BORDER_PASS = "border-pass", _("Border-area pass")
    PHOTOGRAPHY = "photography", _("Photography limits")
    ROAD_CLOSURE = "road-closure", _("Seasonal road closure")
    OTHER = "other", _("Other")


# What a note can be attached to: exactly one of these.
NOTE_TARGETS = ("region", "attraction", "village", "route", "port")


def is_placed(listing):
    """A port, an attraction or a village (notes of a place and of its county), not a Border Tour (notes along it)."""
    return isinstance(listing, (PortOfEntry, *kinds.place_models()))


def exactly_one_target():
    options = Q()
    for chosen in NOTE_TARGETS:
        options |= Q(**{f"{name}__isnull": name != chosen for name in NOTE_TARGETS})
    return options


class BorderNoteQuerySet(PublishableQuerySet):
    def _in_order(self):
        return self.order_by("position", "kind", "id")

    def for_place(self, place):
        """The notes of an attraction, village or port, with the notes on its whole county."""
        own = Q(port=place) if isinstance(place, PortOfEntry) else BorderNote.at(place)
        concerning = own | Q(region_id=place.region_id)
        if isinstance(place, PortOfEntry._meta.get_field("viewing_attractions").related_model):
            # A port's note (e.g. Ji'an's telephoto ban) concerns the viewing spots the port is seen from.
            concerning |= Q(port__in=PortOfEntry.objects.filter(viewing_attractions=place).values("pk"))
        # A place's page names only the county of a county-wide note, never the place itself: joining every
        # kind of target cost a detail page more than any other of its queries (bench/profile_pages.py).
        return self.filter(concerning).select_related("region")._in_order()

    def for_route(self, route):
        """A Border Tour's notes, the notes of the published places it stops at and of their counties, as a list.

        The places come from the tour's itinerary (prefetched on its page, route.itinerary()), and so do the
        notes' targets: asked of the database, with a subquery per kind of stop and a join per kind of target,
        this query cost 9 ms, more than the rest of the page's queries together (bench/profile_pages.py).
        """
        places = [entry.place for entry in route.itinerary().stops]
        targets = {("route", route.pk): route}
        for place in places:
            targets[(BorderNote.place_field_for(place), place.pk)] = place
            targets[("region", place.region_id)] = place.region
        ids = {kind: [pk for (name, pk) in targets if name == kind] for kind in ("attraction", "village", "region")}
        notes = list(
            self.filter(
                Q(route=route)
                | Q(attraction__in=ids["attraction"])
                | Q(village__in=ids["village"])
                | Q(region__in=ids["region"])
            )._in_order()
        )
        for note in notes:
            name = next(name for name in NOTE_TARGETS if getattr(note, f"{name}_id") is not None)
            setattr(note, name, targets[(name, getattr(note, f"{name}_id"))])
        return notes

    def for_listing(self, listing):
        """The notes shown on a listing's page (a list for a Border Tour, see for_route)."""
        if is_placed(listing):
            return self.for_place(listing)
        return self.for_route(listing)


class BorderNote(PublishableModel, AtPlace):
    """A practical note for the border area (documents, passes, photography, road closures).

    It belongs to one attraction, village, Border Tour or port, or to a whole county: a county's
    note shows on every attraction, village and port page of that county.
    """

    # A place's notes go with it (a stop or an event protects its place).
    place_on_delete = models.CASCADE
    place_related_name = "border_notes"

    kind = models.CharField(_("kind"), max_length=20, choices=NoteKind.choices, default=NoteKind.OTHER)
    text = models.TextField(_("note"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="border_notes",
        verbose_name=_("whole county"),
        help_text=_("Shown on every attraction, village and port page of this county."),
    )
    route = models.ForeignKey(
        "routes.Route",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="border_notes",
        verbose_name=_("Border Tour"),
    )
    port = models.ForeignKey(
        PortOfEntry,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="border_notes",
        verbose_name=_("port of entry"),
    )

    objects = BorderNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("border-area note")
        verbose_name_plural = _("border-area notes")
        permissions = [("publish_bordernote", _("Can publish and unpublish border-area notes"))]
        ordering = ["position", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_target(),
                name="border_note_exactly_one_target",
                violation_error_message=_(
                    "A note belongs to exactly one county, attraction, village, Border Tour or port."
                ),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def clean(self):
        super().clean()
        chosen = [name for name in NOTE_TARGETS if getattr(self, f"{name}_id") is not None]
        if len(chosen) != 1:
            raise ValidationError(
                _("Choose exactly one county, attraction, village, Border Tour or port for this note.")
            )
        problems = self.publication_problems() if self.status == Status.PUBLISHED else []
        if problems:
            raise ValidationError({chosen[0]: problems})

    def publication_problems(self):
        target = self.target
        if target is None or getattr(target, "is_published", True):  # a county has no status
            return []
        return [
            _(
                "“%(listing)s” is not published yet: a note is published only on a published page. Publish it "
                "first, or attach the note to its county."
            )
            % {"listing": target}
        ]

    @property
    def target(self):
        return next((getattr(self, name) for name in NOTE_TARGETS if getattr(self, f"{name}_id") is not None), None)

    @property
    def is_for_whole_county(self):
        return self.region_id is not None
