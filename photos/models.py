"""Listings' photos: the abstract photo row each kind of listing extends, and the mixin of listings with photos."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from . import images


def card_photos():
    """The prefetch of a list's photos, as a plain list for each listing (PhotographedMixin.cover_photo).

    Prefetched into `photos` instead, Django would build a filtered queryset for every listing to hold them, which
    costs more than the list's queries themselves.
    """
    return models.Prefetch("photos", to_attr="card_photo_list")


class PhotographedMixin:
    """Attractions, villages and Border Tours: listings with photos (related name `photos`, by position)."""

    @property
    def cover_photo(self):
        """The first photo, or None; from the list's card_photos() or the page's prefetched photos.

        A template's `photos.all.0` would cost a `dir()` of the queryset on every card (the engine's failed
        attribute lookup before it tries an index).
        """
        photos = getattr(self, "card_photo_list", None)
        if photos is None:
            photos = self.photos.all()
        return photos[0] if photos else None


class PhotoModel(models.Model):
    """A photo of a listing; concrete subclasses add the listing they belong to."""

    image = models.ImageField(_("image"), upload_to="photos/%Y/%m/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_(
            "What the photo shows, for people who cannot see it: e.g. “Snow-covered wooden houses "
            "of Songling village at dusk”. Not the file name, not “photo of”."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("photographer's credit"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0, db_index=True)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        """A new upload is stored cleaned (re-encoded, upright, without metadata), with its renditions."""
        picture = replaced = None
        if self.image and not self.image._committed:
            if self.pk:
                replaced = type(self).objects.filter(pk=self.pk).values_list("image", "width").first()
            content, picture = images.clean_original(self.image)
            self.image.save(content.name, content, save=False)
        super().save(*args, **kwargs)
        if picture is not None:
            images.make_renditions(self, picture)
        if replaced and replaced[0] != self.image.name:
            storage = self.image.storage
            # Only once the new row is committed: a rolled-back edit must keep the files it points to.
            transaction.on_commit(lambda: images.delete_photo_files(storage, *replaced))

    def move_to_new_address(self):
        """Store the files under a new unguessable name: the addresses seen while the listing was published
        stop working once it is unpublished (the old files go after the commit, like a replaced upload's)."""
        if not self.image:
            return
        storage, old = self.image.storage, (self.image.name, self.width)
        self.image.name = images.copy_photo_files(storage, *old)
        type(self).objects.filter(pk=self.pk).update(image=self.image.name)
        transaction.on_commit(lambda: images.delete_photo_files(storage, *old))

    @property
    def renditions(self):
        """(width, height) of each rendition, narrowest first; computed, the storage is never asked."""
        if not (self.width and self.height):
            return []
        return [(width, round(self.height * width / self.width)) for width in images.rendition_widths(self.width)]

    def rendition_url(self, width, extension="jpg"):
        return images.file_url(self.image.storage, images.rendition_name(self.image.name, width, extension))

    def srcset(self, extension="webp"):
        """The `srcset` of the renditions in one format, e.g. "/media/…-320.webp 320w, …"."""
        return ", ".join(f"{self.rendition_url(width, extension)} {width}w" for width, _ in self.renditions)
