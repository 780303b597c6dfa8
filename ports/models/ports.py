"""Ports of entry on the border: what a tourist can do at each, and how recent the news of its status is."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Prefetch, Q, Value, When
from django.utils.translation import gettext_lazy as _

from listings.fields import ChoiceArrayField

# The twelve-month rule is the listing core's (hubs flag their facts by it too); ports.models still names it.
from listings.freshness import STALE_AFTER_MONTHS, months_before, stale_cutoff  # noqa: F401
from listings.geometry import position_constraint
from listings.links import slug_url
from listings.models import Confidence, PlaceModel, PlaceQuerySet, choice_labels
from listings.search import search_indexes


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
