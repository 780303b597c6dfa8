"""Listings' photos: the abstract photo row each kind of listing extends, the mixin of listings with photos, and
the photos chosen in a form that failed to save, kept for its next attempt."""

import base64
import hashlib
import re
import secrets
from datetime import timedelta

from django.core.files.base import ContentFile, File
from django.db import models, transaction
from django.utils import timezone
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


# How long a photo chosen in a form that failed to save waits for the form's next attempt.
PENDING_UPLOAD_LIFETIME = timedelta(hours=24)
PENDING_UPLOADS_DIR = "pending-photos"
PENDING_THUMBNAIL_SIZE = (240, 240)
PENDING_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)


def pending_upload_owner(session):
    """Who may use a kept photo: a digest of the session's key (the key itself stays in the session table), or
    "" for a request without a session (nothing is kept for it)."""
    key = getattr(session, "session_key", None)
    return hashlib.sha256(key.encode()).hexdigest() if key else ""


class PendingUploadQuerySet(models.QuerySet):
    def expired(self):
        return self.filter(created_at__lt=timezone.now() - PENDING_UPLOAD_LIFETIME)

    def usable(self, token, owner):
        """The kept photo of this token if it belongs to `owner` and has not expired, else None. A token that
        could not be one (a forged value, a NUL byte…) is never sent to the database."""
        if not owner or not isinstance(token, str) or not PENDING_TOKEN.fullmatch(token):
            return None
        cutoff = timezone.now() - PENDING_UPLOAD_LIFETIME
        return self.filter(token=token, owner=owner, created_at__gte=cutoff).first()

    def discard(self):
        """Delete these rows and their files; returns how many."""
        count = 0
        for pending in self:
            pending.discard()
            count += 1
        return count


class PendingUpload(models.Model):
    """A valid photo chosen in a form that failed to save, kept (for a day) so that the editor does not have to
    choose it again: the form carries its `token`, and only the session that chose it can use it.

    The file waits under pending-photos/ with an unguessable name; its thumbnail is kept here, in the row, and
    shown inline in the form (a data: address), so no address of it is ever published.
    """

    token = models.CharField(max_length=43, unique=True)
    owner = models.CharField(max_length=64, db_index=True)
    image = models.FileField(upload_to=PENDING_UPLOADS_DIR, max_length=200)
    thumbnail = models.BinaryField()
    original_name = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = PendingUploadQuerySet.as_manager()

    def __str__(self):
        return self.original_name or self.token

    @classmethod
    def keep(cls, upload, owner):
        """Keep an upload that PhotoUploadField accepted (`upload.image` is its decoded image)."""
        cls.objects.expired().discard()  # the cleaning up of abandoned ones rides on each new one
        extension = images.ACCEPTED_FORMATS[upload.image.format]
        thumbnail = images.cleaned(upload.image.copy())
        thumbnail.thumbnail(PENDING_THUMBNAIL_SIZE)
        pending = cls(
            token=secrets.token_urlsafe(32),
            owner=owner,
            thumbnail=images.encode(thumbnail, "webp", 80),
            original_name=str(upload.name)[:255],
        )
        upload.seek(0)
        pending.image.save(images.unguessable_name(extension), ContentFile(upload.read()), save=False)
        upload.seek(0)
        pending.save()
        return pending

    def as_upload(self):
        """The kept file, as the photo field's upload of the next attempt."""
        return File(self.image.storage.open(self.image.name, "rb"), name=self.original_name or self.image.name)

    def thumbnail_data_uri(self):
        return "data:image/webp;base64," + base64.b64encode(bytes(self.thumbnail)).decode("ascii")

    def discard(self):
        if self.image:
            self.image.storage.delete(self.image.name)
        if self.pk:
            self.delete()
