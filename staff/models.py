"""Which counties a county editor looks after."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from listings.models import Region


class CountyAssignment(models.Model):
    """A county editor may see and edit the listings of this county (and of no county not assigned)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="county_assignments", verbose_name=_("user")
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="editor_assignments", verbose_name=_("county or city")
    )

    class Meta:
        verbose_name = _("county assignment")
        verbose_name_plural = _("county assignments")
        ordering = ["region__corridor_order"]
        constraints = [models.UniqueConstraint(fields=["user", "region"], name="county_assignment_unique")]

    def __str__(self):
        return f"{self.user} → {self.region}"
