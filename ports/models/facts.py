"""Practical facts of a port (its opening hours, how to book a crossing), with their dates (listings.DatedFact)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from listings.models import DatedFact

from .ports import PortOfEntry


class PortFact(DatedFact):
    """A practical fact about a port of entry (hours, booking, a seasonal closure), with its date."""

    port = models.ForeignKey(
        PortOfEntry, on_delete=models.CASCADE, related_name="facts", verbose_name=_("port of entry")
    )

    class Meta(DatedFact.Meta):
        verbose_name = _("practical fact")
        verbose_name_plural = _("practical facts")
        constraints = [DatedFact.ends_after_it_is_verified("port_fact_ends_after_verified")]
