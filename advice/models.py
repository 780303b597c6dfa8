"""What a traveller must know before driving the corridor: border-area rules, photography and drones, visas,
emergency numbers, payment, road closures. Each rule with its sources, its dates and how old it is.

A rule's age follows the one rule of listings.dating: older than twelve months, it may be out of date; after its
`valid_until` day it has ended (a visa waiver's end). Neither is typed in.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from corridor_portal import clock
from listings.dating import fact_age, has_ended, is_stale, stale_cutoff
from listings.models import Confidence, PublishableModel, PublishableQuerySet, Source


class RuleTopic(models.TextChoices):
    """The sections of the "Before you go" page, in its order."""

    EMERGENCY = "emergency", _("Emergency numbers and hotlines")
    FRONTIER = "frontier", _("Frontier zone and ID checks")
    PHOTOGRAPHY = "photography", _("Photography and drones")
    VISAS = "visas", _("Visas and entry")
    TOURS = "tours", _("Tours to Russia and North Korea")
    PAYMENT = "payment", _("Paying as a foreign visitor")
    ROAD = "road", _("The road and seasonal closures")


TOPIC_ORDER = {topic: order for order, topic in enumerate(RuleTopic.values)}
PHONE_NUMBER = re.compile(r"^[0-9][0-9-]{1,15}$")


class TravelRuleQuerySet(PublishableQuerySet):
    def in_order(self):
        return self.order_by("position", "id")

    def to_check(self, today):
        """Rules older than twelve months, undated, or ended on `today`."""
        return self.filter(
            Q(verified_on__lt=stale_cutoff(today)) | Q(verified_on__isnull=True) | Q(valid_until__lt=today)
        )


class TravelRule(PublishableModel):
    """One rule or fact a traveller must know, with where and to whom it applies, its sources and dates."""

    key = models.SlugField(
        _("key"), max_length=40, unique=True, help_text=_("A short stable name, e.g. “visa-russia-2025”.")
    )
    topic = models.CharField(_("topic"), max_length=12, choices=RuleTopic.choices, db_index=True)
    term_zh = models.CharField(
        _("Chinese term"), max_length=120, blank=True, help_text=_("The term Chinese sources use, e.g. 单方面免签.")
    )
    text = models.TextField(_("rule"))
    applies_to = models.CharField(_("applies to"), max_length=200, blank=True)
    places = models.CharField(_("where"), max_length=300, blank=True)
    phone_numbers = models.CharField(
        _("telephone numbers"),
        max_length=100,
        blank=True,
        help_text=_("Numbers to call, separated by spaces (e.g. “110 119 120”): shown large, as links to call."),
    )
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_until = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("The last day it applies, as a source states it. After it the rule shows as ended."),
    )
    verified_on = models.DateField(
        _("verified on"),
        null=True,
        blank=True,
        help_text=_("The date of the newest source that states it. After twelve months the page flags it."),
    )
    verified_year_only = models.BooleanField(
        _("only the year is known"),
        default=False,
        help_text=_("Tick when the source gives only a year (store 1 January of it): the page shows the year alone."),
    )
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.LOW)
    sources = models.ManyToManyField(Source, blank=True, related_name="+", verbose_name=_("sources"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TravelRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("rule for travellers")
        verbose_name_plural = _("rules for travellers")
        ordering = ["position", "id"]
        permissions = [("publish_travelrule", _("Can publish and unpublish rules for travellers"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="travel_rule_ends_after_it_starts",
                violation_error_message=_("A rule cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.text[:60]}"

    def clean(self):
        super().clean()
        if any(not PHONE_NUMBER.match(number) for number in self.phone_number_list):
            raise ValidationError(
                {"phone_numbers": _("Type only digits and hyphens, numbers separated by spaces: “110 120”.")}
            )

    @property
    def phone_number_list(self):
        return self.phone_numbers.split()

    def age_on(self, today):
        return fact_age(self.verified_on, self.valid_until, today)

    @property
    def is_stale(self):
        return is_stale(self.verified_on, clock.today())

    @property
    def has_ended(self):
        return has_ended(self.valid_until, clock.today())
