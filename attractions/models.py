from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils.translation import gettext_lazy as _

from listings.geometry import position_constraint, position_index
from listings.links import slug_url
from listings.models import CardFact, DatedFact, PlaceModel, PlaceQuerySet, SeasonsMixin, Status, Theme, seasons_field
from listings.search import search_indexes
from photos.models import PhotographedMixin, PhotoModel, card_photos


class ALevel(models.IntegerChoices):
    """China's national rating of scenic areas. No value (NULL) means no source says; NONE is a source saying
    the place has no rating."""

    NONE = 0, _("Not rated")
    A1 = 1, "1A"
    A2 = 2, "2A"
    A3 = 3, "3A"
    A4 = 4, "4A"
    A5 = 5, "5A"


class AttractionQuerySet(PlaceQuerySet):
    def for_list_page(self):
        """What a list of cards needs, in one query plus one for the photos."""
        return self.without_long_texts().select_related("region").prefetch_related(card_photos())

    def for_detail_page(self):
        return self.select_related("region").prefetch_related("photos", "sources", "facts__sources")

    def best_rated_first(self):
        """5A first; read in the order of an index of published attractions, so the first few cost the same
        with any number of rows."""
        return self.order_by(F("a_level").desc(nulls_last=True), "pk")

    def cover_of_season(self, season, theme):
        """The photo that opens the home page in `season`: the first photo of one of these attractions that is good
        in that season, of `theme` first (snow in winter), then the best rated; None when none has a photo.

        One query, its attraction and county joined (the photo is what the page needs; the place is its caption)."""
        of_theme = ExpressionWrapper(Q(attraction__category=theme), output_field=models.BooleanField())
        return (
            AttractionPhoto.objects.filter(attraction__in=self.filter(best_seasons__contains=[season]))
            .annotate(of_theme=of_theme)
            .select_related("attraction__region")
            .order_by(
                F("of_theme").desc(), F("attraction__a_level").desc(nulls_last=True), "attraction_id", "position", "id"
            )
            .first()
        )


class Attraction(SeasonsMixin, PhotographedMixin, PlaceModel):
    """A place to visit along the corridor."""

    category = models.CharField(_("category"), max_length=20, choices=Theme.choices, db_index=True)
    a_level = models.PositiveSmallIntegerField(
        _("A-level"),
        choices=ALevel.choices,
        null=True,
        blank=True,
        validators=[MaxValueValidator(5)],
        help_text=_(
            "China's national rating of scenic areas, 1A to 5A; “Not rated” only when a source says it has no "
            "rating. Leave empty when no source says; the page shows “not known”."
        ),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty when no source says; the page shows “not known”."),
    )
    ticket_price = models.DecimalField(
        _("ticket price (yuan)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                0, message=_("A price cannot be negative: enter 0 when it is free, or leave it empty when unknown.")
            )
        ],
        help_text=_("0 means free. Leave empty when no source says; the page shows “not known”."),
    )
    best_seasons = seasons_field()
    contact = models.CharField(_("contact"), max_length=200, blank=True, help_text=_("Telephone or web address."))

    objects = AttractionQuerySet.as_manager()

    class Meta:
        verbose_name = _("attraction")
        verbose_name_plural = _("attractions")
        ordering = ["region__corridor_order", "longitude", "slug"]
        permissions = [("publish_attraction", _("Can publish and unpublish attractions"))]
        constraints = [
            position_constraint("attraction"),
            models.CheckConstraint(condition=models.Q(ticket_price__gte=0), name="attraction_price_not_negative"),
            models.CheckConstraint(
                condition=models.Q(a_level__gte=0, a_level__lte=5), name="attraction_a_level_0_to_5"
            ),
        ]
        indexes = [
            *search_indexes("attraction"),
            # The list's filters at scale (issue 10): county and status, season (&& and = on the array).
            models.Index(fields=["status", "region"], name="attraction_status_region"),
            # County and category together (the planner reads it with random_page_cost at 1.1, settings.py).
            models.Index(
                fields=["region", "category"], name="attraction_county_category", condition=Q(status=Status.PUBLISHED)
            ),
            GinIndex(fields=["best_seasons"], name="attraction_seasons_gin"),
            position_index("attraction"),
            # The home page's map: the highest-rated published attractions first.
            models.Index(
                F("a_level").desc(nulls_last=True),
                "id",
                name="attraction_published_by_level",
                condition=Q(status=Status.PUBLISHED),
            ),
        ]

    detail_viewname = "attractions:detail"

    def get_absolute_url(self):
        return slug_url(self.detail_viewname, self.slug)

    @property
    def card_facts(self):
        facts = [CardFact(self.get_category_display())]
        if self.a_level:  # neither unknown (None) nor "Not rated" (0) is a badge
            facts.append(CardFact(self.get_a_level_display(), is_badge=True))
        return facts

    @property
    def a_level_is_known(self):
        return self.a_level is not None

    @property
    def is_free(self):
        return self.ticket_price is not None and self.ticket_price == 0


class AttractionPhoto(PhotoModel):
    attraction = models.ForeignKey(
        Attraction, on_delete=models.CASCADE, related_name="photos", verbose_name=_("attraction")
    )

    class Meta(PhotoModel.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class AttractionFact(DatedFact):
    """A practical fact about an attraction (its hours, a ticket, how to book, a season), with its date."""

    attraction = models.ForeignKey(
        Attraction, on_delete=models.CASCADE, related_name="facts", verbose_name=_("attraction")
    )

    class Meta(DatedFact.Meta):
        verbose_name = _("practical fact")
        verbose_name_plural = _("practical facts")
        constraints = [DatedFact.ends_after_it_is_verified("attraction_fact_ends_after_verified")]
