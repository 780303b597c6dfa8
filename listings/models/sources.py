"""Where a fact comes from: a source, who published it and when, and the confidence it earns."""

from django.db import models
from django.db.models import (
    Q,
)
from django.utils.translation import gettext_lazy as _

from corridor_portal import clock

from .choices import Confidence


class SourceKind(models.TextChoices):
    """Who published a source: a government or port authority, the operator of the place itself (scenic area,
    railway, tour operator), a named news outlet, or anything else (blogs, shops, forums, aggregators, a bare
    address)."""

    OFFICIAL = "official", _("Official")
    OPERATOR = "operator", _("Operator")
    NEWS = "news", _("News")
    OTHER = "other", _("Other")


# The confidence a source earns by its kind, before its age is counted.
CONFIDENCE_BY_SOURCE_KIND = {
    SourceKind.OFFICIAL: Confidence.HIGH,
    SourceKind.OPERATOR: Confidence.HIGH,
    SourceKind.NEWS: Confidence.MEDIUM,
    SourceKind.OTHER: Confidence.LOW,
}
CONFIDENCE_SHORT = {Confidence.HIGH: _("High"), Confidence.MEDIUM: _("Medium"), Confidence.LOW: _("Low")}
ONE_STEP_DOWN = {Confidence.HIGH: Confidence.MEDIUM, Confidence.MEDIUM: Confidence.LOW, Confidence.LOW: Confidence.LOW}
# A source dated more than this many years before today has one step less confidence.
SOURCE_AGES_AFTER_YEARS = 5


def years_before(day, years):
    """The same day `years` earlier (28 February for a 29 February)."""
    if day.month == 2 and day.day == 29:
        day = day.replace(day=28)
    return day.replace(year=day.year - years)


class Source(models.Model):
    """A public source a fact was taken from, cited on the listing's page.

    Its confidence is never typed in: it follows from the kind of source and its date (confidence_on).
    Official and operator pages give high confidence, a news report medium, anything else (a blog, a shop,
    a forum, a bare IP address) low; a source with no date, or dated more than five years before today,
    counts one step lower (never below low).
    """

    key = models.CharField(_("key"), max_length=20, unique=True, help_text=_("Short reference, e.g. S13."))
    citation = models.CharField(_("citation"), max_length=500, help_text=_("Title or address of the source."))
    # A citation that names a page in words (an encyclopedia article, a report) is written in one language;
    # the title says the same in each language, for the page's reader. A bare address needs none.
    title = models.CharField(
        _("title in each language"),
        max_length=500,
        blank=True,
        help_text=_(
            "What the source is, in words, in each language (e.g. “English Wikipedia: Tomb of the General "
            "(将军坟)”); pages show it instead of the citation. Leave empty when the citation is a bare address."
        ),
    )
    kind = models.CharField(
        _("kind of source"),
        max_length=10,
        choices=SourceKind.choices,
        default=SourceKind.OTHER,
        help_text=_(
            "Sets the confidence: official (a government or port authority) or operator (the scenic area, railway "
            "or tour operator itself) high, news (a named news outlet) medium, other (blogs, shops, forums, "
            "aggregators, a bare address) low; one step lower when the source has no date or is more than five "
            "years old."
        ),
    )
    published_on = models.DateField(
        _("published on"), null=True, blank=True, help_text=_("The date the page states. Empty when it shows none.")
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=SourceKind.values), name="source_kind_known_value"),
        ]

    def __str__(self):
        return f"{self.key} {self.citation}"

    @property
    def url(self):
        """A link when the citation is a web address (with or without its scheme)."""
        first = self.citation.split(";")[0].strip()
        if " " in first or "." not in first.split("/")[0]:
            return ""
        return first if first.startswith("http") else f"https://{first}"

    def confidence_on(self, today):
        """High, medium or low: from the kind of source, one step lower when undated or old on `today`."""
        confidence = CONFIDENCE_BY_SOURCE_KIND[self.kind]
        if self.published_on is None or self.published_on < years_before(today, SOURCE_AGES_AFTER_YEARS):
            confidence = ONE_STEP_DOWN[confidence]
        return Confidence(confidence)

    @property
    def confidence(self):
        return self.confidence_on(clock.today())

    @property
    def confidence_label(self):
        return CONFIDENCE_SHORT[self.confidence]
