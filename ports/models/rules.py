"""Rules for crossing at a port (a visa waiver, a group-tour scheme): whether each is in force on a day."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from listings.models import Source

from .ports import DatePrecision, PortOfEntry


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
