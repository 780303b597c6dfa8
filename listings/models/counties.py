"""The counties and county-level cities along the G331, and which of them each county editor looks after."""

from django.apps import apps
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..links import slug_url
from ..search import (
    SearchableModel,
    has_county,
)
from .choices import Confidence


class RegionQuerySet(models.QuerySet):
    def along_corridor(self):
        """Counties in the order the road runs, from the Liaoning side to Hunchun."""
        return self.order_by("corridor_order")


class Region(models.Model):
    """A county or city the G331 runs through, in its order along the road."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=50,
        unique=True,
        help_text=_("Pinyin of the name, lower case, no apostrophe (e.g. jian, hunchun). Used in addresses."),
    )
    corridor_order = models.PositiveSmallIntegerField(
        _("order along the G331"), unique=True, help_text=_("1 for Ji'an, rising eastwards to Hunchun.")
    )
    prefecture = models.CharField(_("prefecture"), max_length=100, blank=True)
    latitude = models.FloatField(
        _("latitude of the centre"), validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude of the centre"), validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    summary = models.TextField(_("summary"), blank=True)
    order_confidence = models.CharField(
        _("confidence of its place in the road order"),
        max_length=10,
        choices=Confidence.choices,
        blank=True,
        help_text=_(
            "How sure the sources are that the road reaches this county at this point of the order. Low: the "
            "order shows it as uncertain. Leave empty when no source says."
        ),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("county or city")
        verbose_name_plural = _("counties and cities")
        ordering = ["corridor_order"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="region_position_in_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """Its page (pages.views.CountyView): what the portal holds there and the hubs nearest it."""
        return slug_url("county", self.slug)

    @property
    def order_is_uncertain(self):
        return self.order_confidence == Confidence.LOW

    def refill_listings_search_columns(self):
        """Its listings carry its names in their search columns (county_names()): after a rename, call this so that
        they are found by its new names, not its old ones (the county's admin does when a save or revert renames it)."""
        for model in apps.get_models():
            if issubclass(model, SearchableModel) and has_county(model):
                rows = list(model._base_manager.filter(region=self))
                for row in rows:
                    row.region = self
                    row.fill_search_columns()
                model._base_manager.bulk_update(rows, SearchableModel.SEARCH_COLUMNS, batch_size=500)


class CountyAssignment(models.Model):
    """A county editor may see and edit the listings of this county (and of no county not assigned)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="county_assignments", verbose_name=_("user")
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="editor_assignments", verbose_name=_("county or city")
    )

    class Meta:
        # Made by the staff app before the roles moved to the listing core: the table keeps its name.
        db_table = "staff_countyassignment"
        verbose_name = _("county assignment")
        verbose_name_plural = _("county assignments")
        ordering = ["region__corridor_order"]
        constraints = [models.UniqueConstraint(fields=["user", "region"], name="county_assignment_unique")]

    def __str__(self):
        return f"{self.user} → {self.region}"
