"""Review in one click: a county editor's change to a published listing waits as a pending revision while the
published version stays live, and a reviewer's decision (published, sent back with a comment) is recorded.

Both point at any kind of listing through its content type (as SlugRedirect does): the editorial admin serves
every kind registered in listings.kinds, and the core never imports them.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _


class ForListingQuerySet(models.QuerySet):
    def for_listing(self, listing):
        return self.filter(content_type=ContentType.objects.get_for_model(listing), object_id=listing.pk)


class PendingRevisionQuerySet(ForListingQuerySet):
    def of(self, listing):
        """The listing's pending revision, or None."""
        if listing is None or listing.pk is None:
            return None
        return self.for_listing(listing).select_related("author").first()


class PendingRevision(models.Model):
    """The changes of someone who may not publish to a published listing, kept apart until a reviewer publishes
    them: `values` holds the posted form's fields (every language's column), as each field writes itself to text
    (`value_to_string`); many-to-many fields as lists of ids. One per listing: its editors keep editing it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of listing"))
    object_id = models.PositiveBigIntegerField(_("listing id"))
    listing = GenericForeignKey("content_type", "object_id")
    values = models.JSONField(_("changed values"), default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PendingRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("pending revision")
        verbose_name_plural = _("pending revisions")
        ordering = ["updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="pending_revision_one_per_listing"),
        ]

    def __str__(self):
        return str(_("Pending revision of %(listing)s")) % {"listing": self.listing}

    def apply_to(self, listing):
        """Set the revision's values on `listing` (in memory); the many-to-many ones are returned, {name: [ids]},
        to be set once the listing is saved. A field the model no longer has is skipped."""
        many = {}
        for name, value in self.values.items():
            try:
                field = listing._meta.get_field(name)
            except FieldDoesNotExist:  # a field since removed from the model
                continue
            if field.many_to_many:
                many[name] = [int(pk) for pk in value or []]
            elif field.concrete:
                setattr(listing, field.attname, None if value is None else field.to_python(value))
        return many


class ReviewDecision(models.Model):
    """A reviewer's decision on a listing or on its pending revision: published, or sent back to its editor
    with a comment. A sent-back decision stays open (on the editor's home and at the top of the listing's page)
    until the listing is submitted again or published."""

    class Outcome(models.TextChoices):
        PUBLISHED = "published", _("published")
        SENT_BACK = "sent_back", _("sent back")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of listing"))
    object_id = models.PositiveBigIntegerField(_("listing id"))
    listing = GenericForeignKey("content_type", "object_id")
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    comment = models.TextField(_("comment"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("reviewer")
    )
    # Whose work it was: the author of the revision, or the last to change the listing.
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_decisions",
        verbose_name=_("editor"),
    )
    of_revision = models.BooleanField(_("on a pending revision"), default=False)
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    is_open = models.BooleanField(_("still to act on"), default=True)

    objects = ForListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["-decided_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="review_decision_listing")]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.listing}"
