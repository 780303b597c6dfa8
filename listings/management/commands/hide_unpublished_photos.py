"""Move the photos of every listing that is not published to new unguessable names (once, after upgrading).

Photos uploaded before were stored under the uploaded file's name (photos/2026/11/IMG_0042.jpg), so a draft's
photos could be found by guessing; new uploads and unpublished listings' photos no longer can.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from listings.models import PublishableModel, Status
from photos.signals import photo_models


def listing_field(photo_model):
    """The name of the photo's foreign key to its listing."""
    return next(
        field.name
        for field in photo_model._meta.fields
        if field.is_relation and field.related_model and issubclass(field.related_model, PublishableModel)
    )


class Command(BaseCommand):
    help = "Give the photos of unpublished listings (drafts, in review) new unguessable file names."

    def handle(self, *args, **options):
        for model in photo_models():
            moved = 0
            photos = model.objects.exclude(**{f"{listing_field(model)}__status": Status.PUBLISHED})
            for photo in photos.iterator():
                with transaction.atomic():
                    photo.move_to_new_address()
                moved += 1
            self.stdout.write(f"{model._meta.verbose_name_plural}: {moved} moved")
