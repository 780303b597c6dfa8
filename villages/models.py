from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from listings.geometry import position_constraint, position_index
from listings.links import slug_url
from listings.models import CardFact, DatedFact, PlaceModel, PlaceQuerySet
from listings.search import search_indexes
from photos.models import PhotographedMixin, PhotoModel, card_photos


class Culture(models.TextChoices):
    KOREAN = "korean", _("Korean (Chosŏnjok)")
    MANCHU = "manchu", _("Manchu")
    HAN = "han", _("Han")
    MIXED = "mixed", _("Mixed")
    UNKNOWN = "unknown", _("Not recorded")


class VillageQuerySet(PlaceQuerySet):
    def for_list_page(self):
        return self.without_long_texts().select_related("region").prefetch_related(card_photos())

    def for_detail_page(self):
        return self.select_related("region").prefetch_related("photos", "sources", "festivals", "facts__sources")


class Village(PhotographedMixin, PlaceModel):
    """A border village, with what it can host."""

    town = models.CharField(_("town or township"), max_length=100, blank=True)
    culture = models.CharField(
        _("ethnic culture"), max_length=20, choices=Culture.choices, default=Culture.UNKNOWN, db_index=True
    )
    culture_note = models.CharField(
        _("about its people"), max_length=200, blank=True, help_text=_("E.g. “Korean (74%)”.")
    )
    homestays = models.PositiveIntegerField(
        _("homestays"), null=True, blank=True, help_text=_("Number of homestays (民宿). Empty when unknown.")
    )
    beds = models.PositiveIntegerField(_("beds"), null=True, blank=True, help_text=_("Empty when unknown."))
    specialties = models.TextField(_("local specialties"), blank=True)

    objects = VillageQuerySet.as_manager()

    class Meta:
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        ordering = ["region__corridor_order", "longitude", "slug"]
        permissions = [("publish_village", _("Can publish and unpublish villages"))]
        constraints = [position_constraint("village")]
        indexes = [
            *search_indexes("village"),
            models.Index(fields=["status", "region"], name="village_status_region"),  # county filter at scale
            position_index("village"),
        ]

    detail_viewname = "villages:detail"

    def get_absolute_url(self):
        return slug_url(self.detail_viewname, self.slug)

    @property
    def card_facts(self):
        return [] if self.culture == Culture.UNKNOWN else [CardFact(self.get_culture_display())]


FESTIVAL_MONTH_MESSAGE = _("The month of a festival is 1 (January) to 12 (December): choose the month it is held in.")


class Festival(models.Model):
    """A yearly festival of a village and the month it is held."""

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="festivals", verbose_name=_("village"))
    name = models.CharField(_("name"), max_length=200)
    month = models.PositiveSmallIntegerField(
        _("month"),
        choices=MONTHS.items(),
        validators=[
            MinValueValidator(1, message=FESTIVAL_MONTH_MESSAGE),
            MaxValueValidator(12, message=FESTIVAL_MONTH_MESSAGE),
        ],
        error_messages={"invalid_choice": FESTIVAL_MONTH_MESSAGE},
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("festival")
        verbose_name_plural = _("festivals")
        ordering = ["month", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="festival_month_1_to_12")
        ]

    def __str__(self):
        return self.name


class VillagePhoto(PhotoModel):
    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="photos", verbose_name=_("village"))

    class Meta(PhotoModel.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class VillageFact(DatedFact):
    """A practical fact about a village (a homestay's season, how to book), with its date."""

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="facts", verbose_name=_("village"))

    class Meta(DatedFact.Meta):
        verbose_name = _("practical fact")
        verbose_name_plural = _("practical facts")
        constraints = [DatedFact.ends_after_it_is_verified("village_fact_ends_after_verified")]
