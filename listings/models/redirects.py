"""Old addresses of renamed listings, kept so links and search engines still find the page."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SlugRedirectQuerySet(models.QuerySet):
    def remember(self, listing, old_slug):
        """Record that `listing` was at `old_slug`; its pages there answer 301 to wherever it is now."""
        content_type = ContentType.objects.get_for_model(listing)
        # The listing's new slug is live: a redirect away from it would never be used again.
        self.filter(content_type=content_type, old_slug=listing.slug).delete()
        self.update_or_create(content_type=content_type, old_slug=old_slug, defaults={"object_id": listing.pk})

    def moved_listing(self, model, slug):
        """The published listing of `model` that was once at `slug`, or None."""
        content_type = ContentType.objects.get_for_model(model)
        found = self.filter(content_type=content_type, old_slug=slug).values_list("object_id", flat=True).first()
        if found is None:
            return None
        return model.objects.published().filter(pk=found).only("slug").first()


class SlugRedirect(models.Model):
    """An address a listing had before an editor changed its slug; kept for good, it redirects (301).

    It points at the listing, not at the next slug: after several changes every old address still
    takes a single redirect to the current one.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of listing"))
    object_id = models.PositiveBigIntegerField(_("listing id"))
    listing = GenericForeignKey("content_type", "object_id")
    old_slug = models.SlugField(_("old slug"), max_length=100)
    created_at = models.DateTimeField(_("changed on"), auto_now_add=True)

    objects = SlugRedirectQuerySet.as_manager()

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "old_slug"], name="slug_redirect_unique_old_slug"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="slug_redirect_listing")]

    def __str__(self):
        return self.old_slug
