"""The choices every kind of listing shares: seasons, themes, publication status, confidence."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Season(models.TextChoices):
    SPRING = "spring", _("Spring")
    SUMMER = "summer", _("Summer")
    AUTUMN = "autumn", _("Autumn")
    WINTER = "winter", _("Winter")

    @classmethod
    def for_month(cls, month):
        """The season a month belongs to; winter on the corridor runs December to March."""
        if month in (12, 1, 2, 3):
            return cls.WINTER
        if month in (4, 5):
            return cls.SPRING
        if month in (6, 7, 8):
            return cls.SUMMER
        return cls.AUTUMN


class Theme(models.TextChoices):
    """The province's themes; attractions have one, Border Tours several."""

    NATURAL = "natural", _("Natural landscape")
    ETHNIC = "ethnic", _("Ethnic culture")
    HISTORICAL = "historical", _("Historical heritage")
    RED = "red", _("Red tourism")
    BORDER = "border", _("Border and ports")
    WINTER = "winter", _("Winter and snow")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class Confidence(models.TextChoices):
    HIGH = "high", _("High: official, encyclopedia or major media")
    MEDIUM = "medium", _("Medium: secondary or travel site")
    LOW = "low", _("Low: one weak source")
