"""What happens at "an attraction or a village": said once, for a tour's stop, an event and a border-area note.

`AtPlace` holds the two foreign keys (columns attraction_id and village_id), the `place` they name and the rule
tying them; each model built on it keeps what is really its own, by name:
- a stop is at exactly one place (`EXACTLY_ONE_PLACE`), an event at most one (`AT_MOST_ONE_PLACE`: none means the
  whole county), a note at exactly one of five targets (its own rule, ports.models);
- what deleting a place does to it (`place_on_delete`: a stop or an event protects its place, a note goes with
  it) and the name the place calls it by (`place_related_name`: `attraction.route_stops`, `village.events`…).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PlaceForeignKey(models.ForeignKey):
    """A foreign key of AtPlace: what deleting the place does, and the related name, come from the model it is on
    (AtPlace.place_on_delete, AtPlace.place_related_name). To migrations it is a plain ForeignKey."""

    def contribute_to_class(self, cls, name, *args, **kwargs):
        # A copy of the field on a concrete model (a historical record's copy is neither: it keeps its own).
        if not cls._meta.abstract and issubclass(cls, AtPlace):
            self.remote_field.on_delete = cls.place_on_delete
            self.remote_field.related_name = self._related_name = cls.place_related_name
        super().contribute_to_class(cls, name, *args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ForeignKey", args, kwargs


class AtPlace(models.Model):
    """Something at an attraction or at a village (see the module's docstring for what each model adds)."""

    PLACE_FIELDS = ("attraction", "village")
    # The rules a model picks for its Meta.constraints, under its own name and with its own message.
    EXACTLY_ONE_PLACE = Q(attraction__isnull=False, village__isnull=True) | Q(
        attraction__isnull=True, village__isnull=False
    )
    AT_MOST_ONE_PLACE = Q(attraction__isnull=True) | Q(village__isnull=True)

    # The hooks of PlaceForeignKey, set by each model.
    place_on_delete = models.PROTECT
    place_related_name = None

    attraction = PlaceForeignKey(
        "attractions.Attraction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("attraction"),
    )
    village = PlaceForeignKey(
        "villages.Village",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("village"),
    )

    class Meta:
        abstract = True

    @property
    def place(self):
        """The attraction or the village; None when neither is chosen."""
        return self.attraction or self.village

    @property
    def place_field_name(self):
        """The name of the foreign key that holds the place ("attraction" or "village"); None without a place."""
        if self.attraction_id is not None:
            return "attraction"
        return "village" if self.village_id is not None else None

    def put_at(self, place):
        """Make `place` (an attraction or a village) its place, and empty the other key."""
        chosen = self.place_field_for(place)
        for name in self.PLACE_FIELDS:
            setattr(self, name, place if name == chosen else None)

    @classmethod
    def place_field_for(cls, place):
        """The name of the foreign key that points at `place`'s kind ("attraction" or "village")."""
        model = type(place)._meta.concrete_model
        return next(name for name in cls.PLACE_FIELDS if cls._meta.get_field(name).related_model is model)

    @classmethod
    def at(cls, place):
        """The condition "at `place`" (an attraction or a village), for a filter on this model."""
        return Q(**{cls.place_field_for(place): place})
