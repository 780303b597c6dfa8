"""A practical fact about a place (opening hours, a ticket, how to book, a seasonal opening), with its date.

Each kind of place keeps its facts in its own table (attractions.AttractionFact, villages.VillageFact), built on
`DatedFact`: the fact in each language, the key figure, the sources, the day a source last confirmed it and the
day it stops holding. Whether it may be out of date is never typed in: it follows from the clock
(listings.dating), the same rule as a port's status.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from corridor_portal import clock

from ..dating import fact_age, has_ended, is_stale, stale_cutoff
from .choices import Confidence
from .sources import Source


class FactTopic(models.TextChoices):
    """What a practical fact is about, in the order a page lists them."""

    HOURS = "hours", _("Opening hours")
    TICKET = "ticket", _("Tickets and prices")
    BOOKING = "booking", _("How to book")
    SEASON = "season", _("Seasonal opening")
    CLOSURE = "closure", _("Closures")
    ACCESS = "access", _("Getting there")
    OTHER = "other", _("Other")


TOPIC_ORDER = {topic: order for order, topic in enumerate(FactTopic.values)}


class DatedFactQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("position", "id")

    def stale(self, today):
        """Facts a source last confirmed more than twelve months before `today`."""
        return self.filter(verified_on__lt=stale_cutoff(today))

    def ended(self, today):
        """Facts whose last day is before `today`."""
        return self.filter(valid_until__lt=today)

    def stale_or_ended(self, today):
        """Facts out of date on `today` by the one rule of listings.dating: a source last confirmed them more than
        twelve months before, or their last day has passed (what a page flags, and the dashboard counts)."""
        return self.filter(Q(verified_on__lt=stale_cutoff(today)) | Q(valid_until__lt=today))

    def to_check(self, today):
        """What needs an editor's check on `today`: older than twelve months, undated, or ended."""
        return self.filter(
            Q(verified_on__lt=stale_cutoff(today)) | Q(verified_on__isnull=True) | Q(valid_until__lt=today)
        )


def has_facts_to_check(model, today):
    """An Exists() for a query of listings (`model`: Attraction, Village): the listing has a fact to check."""
    relation = model._meta.get_field("facts")
    facts = relation.related_model.objects.filter(**{relation.field.name: OuterRef("pk")})
    return Exists(facts.to_check(today))


class DatedFact(models.Model):
    """A practical fact with its sources and dates; a concrete model adds the listing it belongs to."""

    topic = models.CharField(_("topic"), max_length=10, choices=FactTopic.choices, default=FactTopic.OTHER)
    text = models.TextField(_("fact"), help_text=_("One fact in a sentence or two, as the source states it."))
    value = models.CharField(
        _("key figure"), max_length=100, blank=True, help_text=_("E.g. “105 yuan”, “8:00-17:00”, “1,000 a day”.")
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="+", verbose_name=_("sources"))
    verified_on = models.DateField(
        _("verified on"),
        null=True,
        blank=True,
        help_text=_(
            "The date of the newest source that states this fact (the first day of the month when the source "
            "gives only a month). Empty when no source dates it. After twelve months the page says it may be out "
            "of date."
        ),
    )
    verified_year_only = models.BooleanField(
        _("only the year is known"),
        default=False,
        help_text=_("Tick when the source gives only a year (store 1 January of it): the page shows the year alone."),
    )
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("The last day the fact holds, when a source says (a season's end, a temporary closure)."),
    )
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.LOW)
    written_in = models.CharField(
        _("written in"),
        max_length=7,
        choices=settings.LANGUAGES,
        default="zh-hans",
        help_text=_("The language the fact was first written in; the others are translations, and pages say so."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = DatedFactQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.text[:60]}"

    @classmethod
    def ends_after_it_is_verified(cls, name):
        """A constraint: no fact ends before a source confirmed it."""
        return models.CheckConstraint(
            condition=Q(valid_until__isnull=True) | Q(verified_on__isnull=True) | Q(valid_until__gte=F("verified_on")),
            name=name,
            violation_error_message=_("A fact cannot end before the date it was verified."),
        )

    def is_translated_into(self, language):
        return language != self.written_in

    def age_on(self, today):
        return fact_age(self.verified_on, self.valid_until, today)

    def is_stale_on(self, today):
        return is_stale(self.verified_on, today)

    def has_ended_on(self, today):
        return has_ended(self.valid_until, today)

    @property
    def is_stale(self):
        return self.is_stale_on(clock.today())

    @property
    def has_ended(self):
        return self.has_ended_on(clock.today())
