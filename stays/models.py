"""Places to stay: homestays, hotels, guesthouses and campsites, each in a county and perhaps in a border village."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from listings.fields import ChoiceArrayField
from listings.geometry import position_constraint, position_index
from listings.links import slug_url
from listings.models import CardFact, PlaceModel, PlaceQuerySet, choice_labels
from listings.search import search_indexes
from photos.models import PhotographedMixin, PhotoModel, card_photos
from villages.models import Village


class StayKind(models.TextChoices):
    HOMESTAY = "homestay", _("Homestay")
    HOTEL = "hotel", _("Hotel")
    GUESTHOUSE = "guesthouse", _("Guesthouse")
    CAMPSITE = "campsite", _("Campsite (RV camp)")
    OTHER = "other", _("Other")


class WinterOpening(models.TextChoices):
    OPEN = "open", _("Open all winter")
    CLOSED = "closed", _("Closed in winter")
    UNKNOWN = "unknown", _("Not known")


class SpokenLanguage(models.TextChoices):
    CHINESE = "zh", _("Chinese")
    KOREAN = "ko", _("Korean")
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")
    JAPANESE = "ja", _("Japanese")


# Digits with the separators people type (spaces, hyphens, brackets), an optional leading +: loose on purpose, as
# county offices write numbers many ways; what a tel: link dials is the digits alone.
PHONE_VALIDATOR = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{4,28}[0-9]$",
    message=_(
        "Enter a telephone number in digits, e.g. 0433-5123456 or +86 433 512 3456 (spaces, hyphens and "
        "brackets are fine)."
    ),
)
MAX_BEDS = 10000


class StayQuerySet(PlaceQuerySet):
    def for_list_page(self):
        return self.without_long_texts().select_related("region").prefetch_related(card_photos())

    def for_detail_page(self):
        return self.select_related("region", "village").prefetch_related("photos", "sources")

    def in_village(self, village):
        return self.filter(village=village).along_corridor()


class Stay(PhotographedMixin, PlaceModel):
    """A place to stay the night: what it is, how many it sleeps, how to reach and book it, whether it opens in
    winter. An empty fact is one no source gives: the page says “not known”, never zero or “no”."""

    village = models.ForeignKey(
        Village,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stays",
        verbose_name=_("village"),
        help_text=_("The border village it is in, if it is in one of the portal's villages."),
    )
    kind = models.CharField(_("kind of stay"), max_length=20, choices=StayKind.choices, db_index=True)
    beds = models.PositiveIntegerField(
        _("beds"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_BEDS)],
        help_text=_("Leave empty when no source says; the page shows “not known”."),
    )
    rooms = models.PositiveIntegerField(
        _("rooms"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_BEDS)],
        help_text=_("Leave empty when no source says; the page shows “not known”."),
    )
    phone = models.CharField(
        _("telephone"),
        max_length=30,
        blank=True,
        validators=[PHONE_VALIDATOR],
        help_text=_("One number; visitors can tap it to call."),
    )
    booking_url = models.URLField(
        _("booking link"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("The page where a room can be booked (http:// or https://)."),
    )
    languages_spoken = ChoiceArrayField(
        models.CharField(max_length=5, choices=SpokenLanguage.choices),
        verbose_name=_("languages spoken"),
        null=True,
        blank=True,
        help_text=_(
            "Tick only what a source says. Leave all unticked when no source says; the page shows “not known”."
        ),
    )
    winter_opening = models.CharField(
        _("winter opening"),
        max_length=10,
        choices=WinterOpening.choices,
        default=WinterOpening.UNKNOWN,
        db_index=True,
    )
    price_note = models.CharField(
        _("note on prices"),
        max_length=200,
        blank=True,
        help_text=_("As a source gives it, with its date, e.g. “from 180 yuan a night (2024)”."),
    )

    objects = StayQuerySet.as_manager()

    class Meta:
        verbose_name = _("place to stay")
        verbose_name_plural = _("places to stay")
        ordering = ["region__corridor_order", "longitude", "slug"]
        permissions = [("publish_stay", _("Can publish and unpublish places to stay"))]
        constraints = [
            position_constraint("stay"),
            models.CheckConstraint(condition=Q(beds__lte=MAX_BEDS), name="stay_beds_at_most_max"),
        ]
        indexes = [
            *search_indexes("stay"),
            models.Index(fields=["status", "region"], name="stay_status_region"),
            position_index("stay"),
        ]

    detail_viewname = "stays:detail"

    def get_absolute_url(self):
        return slug_url(self.detail_viewname, self.slug)

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.village_id is not None and self.region_id is not None and self.village.region_id != self.region_id:
            errors.setdefault("village", []).append(
                _("%(village)s is in %(county)s, not in the county chosen for this place to stay.")
                % {"village": self.village, "county": self.village.region}
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # No box ticked is no source saying: unknown (NULL), not "speaks no language".
        if not self.languages_spoken:
            self.languages_spoken = None
        super().save(*args, **kwargs)

    @property
    def card_facts(self):
        facts = [CardFact(self.get_kind_display())]
        if self.winter_opening == WinterOpening.OPEN:
            facts.append(CardFact(self.get_winter_opening_display(), is_badge=True))
        return facts

    @property
    def languages_spoken_labels(self):
        """The languages a source says are spoken; None when not known."""
        if not self.languages_spoken:
            return None
        return choice_labels(self.languages_spoken, SpokenLanguage.choices)

    @property
    def phone_link(self):
        """The number as a tel: link dials it: digits only, with the leading + kept."""
        if not self.phone:
            return ""
        digits = re.sub(r"[^0-9]", "", self.phone)
        return f"tel:{'+' if self.phone.strip().startswith('+') else ''}{digits}"


class StayPhoto(PhotoModel):
    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="photos")

    class Meta(PhotoModel.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
