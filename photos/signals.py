"""Files follow their photo: deleting a photo row deletes its original and renditions."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete

from . import images
from .models import PhotoModel


def photo_models():
    return [model for model in apps.get_models() if issubclass(model, PhotoModel)]


def delete_files_of_photo(sender, instance, **kwargs):
    storage, name, width = instance.image.storage, instance.image.name, instance.width

    def delete_unless_still_used():
        # A photo saved in the same transaction may have taken the same file name (a redrawn
        # illustration does): its files are not this row's to delete.
        if not any(model.objects.filter(image=name).exists() for model in photo_models()):
            images.delete_photo_files(storage, name, width)

    # After the commit: a rolled-back delete keeps the files its row still points to.
    transaction.on_commit(delete_unless_still_used)


def connect():
    """A signal rather than PhotoModel.delete(): queryset.delete() and the cascade from a deleted
    listing never call delete(), but they do send post_delete. Connected per photo model, so other
    models keep Django's fast delete."""
    for model in photo_models():
        post_delete.connect(delete_files_of_photo, sender=model, dispatch_uid=f"photo-files-{model._meta.label}")
