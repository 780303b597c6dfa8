"""Practical notes for the border area (documents, passes, photography, road closures), each on one target."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from listings import kinds
from listings.models import PublishableModel, PublishableQuerySet, Region, Status
from listings.places import AtPlace

from .ports import PortOfEntry


class NoteKind(models.TextChoices):
    DOCUMENTS = "documents", _("Identity documents")
    BORDER_PASS = "border-pass", _("Border-area pass")
    PHOTOGRAPHY = "photography", _("Photography limits")
    ROAD_CLOSURE = "road-closure", _("Seasonal road closure")
    OTHER = "other", _("Other")


# What a note can be attached to: exactly one of these.
NOTE_TARGETS = ("region", "attraction", "village", "route", "port")


def is_placed(listing):
    """A port, an attraction or a village (notes of a place and of its county), not a Border Tour (notes along it)."""
    return isinstance(listing, (PortOfEntry, *kinds.place_models()))


def exactly_one_target():
    options = Q()
    for chosen in NOTE_TARGETS:
        options |= Q(**{f"{name}__isnull": name != chosen for name in NOTE_TARGETS})
    return options


class BorderNoteQuerySet(PublishableQuerySet):
    def _in_order(self):
        return self.order_by("position", "kind", "id")

    def for_place(self, place):
        """The notes of an attraction, village or port, with the notes on its whole county."""
        own = Q(port=place) if isinstance(place, PortOfEntry) else BorderNote.at(place)
        concerning = own | Q(region_id=place.region_id)
        if isinstance(place, PortOfEntry._meta.get_field("viewing_attractions").related_model):
            # A port's note (e.g. Ji'an's telephoto ban) concerns the viewing spots the port is seen from.
            concerning |= Q(port__in=PortOfEntry.objects.filter(viewing_attractions=place).values("pk"))
        # A place's page names only the county of a county-wide note, never the place itself: joining every
        # kind of target cost a detail page more than any other of its queries (bench/profile_pages.py).
        return self.filter(concerning).select_related("region")._in_order()

    def for_route(self, route):
        """A Border Tour's notes, the notes of the published places it stops at and of their counties, as a list.

        The places come from the tour's itinerary (prefetched on its page, route.itinerary()), and so do the
        notes' targets: asked of the database, with a subquery per kind of stop and a join per kind of target,
        this query cost 9 ms, more than the rest of the page's queries together (bench/profile_pages.py).
        """
        places = [entry.place for entry in route.itinerary().stops]
        targets = {("route", route.pk): route}
        for place in places:
            targets[(BorderNote.place_field_for(place), place.pk)] = place
            targets[("region", place.region_id)] = place.region
        ids = {kind: [pk for (name, pk) in targets if name == kind] for kind in ("attraction", "village", "region")}
        notes = list(
            self.filter(
                Q(route=route)
                | Q(attraction__in=ids["attraction"])
                | Q(village__in=ids["village"])
                | Q(region__in=ids["region"])
            )._in_order()
        )
        for note in notes:
            name = next(name for name in NOTE_TARGETS if getattr(note, f"{name}_id") is not None)
            setattr(note, name, targets[(name, getattr(note, f"{name}_id"))])
        return notes

    def for_listing(self, listing):
        """The notes shown on a listing's page (a list for a Border Tour, see for_route)."""
        if is_placed(listing):
            return self.for_place(listing)
        return self.for_route(listing)


class BorderNote(PublishableModel, AtPlace):
    """A practical note for the border area (documents, passes, photography, road closures).

    It belongs to one attraction, village, Border Tour or port, or to a whole county: a county's
    note shows on every attraction, village and port page of that county.
    """

    # A place's notes go with it (a stop or an event protects its place).
    place_on_delete = models.CASCADE
    place_related_name = "border_notes"

    kind = models.CharField(_("kind"), max_length=20, choices=NoteKind.choices, default=NoteKind.OTHER)
    text = models.TextField(_("note"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="border_notes",
        verbose_name=_("whole county"),
        help_text=_("Shown on every attraction, village and port page of this county."),
    )
    route = models.ForeignKey(
        "routes.Route",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="border_notes",
        verbose_name=_("Border Tour"),
    )
    port = models.ForeignKey(
        PortOfEntry,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="border_notes",
        verbose_name=_("port of entry"),
    )

    objects = BorderNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("border-area note")
        verbose_name_plural = _("border-area notes")
        permissions = [("publish_bordernote", _("Can publish and unpublish border-area notes"))]
        ordering = ["position", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_target(),
                name="border_note_exactly_one_target",
                violation_error_message=_(
                    "A note belongs to exactly one county, attraction, village, Border Tour or port."
                ),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def clean(self):
        super().clean()
        chosen = [name for name in NOTE_TARGETS if getattr(self, f"{name}_id") is not None]
        if len(chosen) != 1:
            raise ValidationError(
                _("Choose exactly one county, attraction, village, Border Tour or port for this note.")
            )
        problems = self.publication_problems() if self.status == Status.PUBLISHED else []
        if problems:
            raise ValidationError({chosen[0]: problems})

    def publication_problems(self):
        target = self.target
        if target is None or getattr(target, "is_published", True):  # a county has no status
            return []
        return [
            _(
                "“%(listing)s” is not published yet: a note is published only on a published page. Publish it "
                "first, or attach the note to its county."
            )
            % {"listing": target}
        ]

    @property
    def target(self):
        return next((getattr(self, name) for name in NOTE_TARGETS if getattr(self, f"{name}_id") is not None), None)

    @property
    def is_for_whole_county(self):
        return self.region_id is not None
