"""Files follow their photo: deleting a photo row deletes its original and renditions."""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete

from . import images
from .models import PhotoModel


def delete_files_of_photo(sender, instance, **kwargs):
    storage, name, width = instance.image.storage, instance.image.name, instance.width
    # After the commit: a rolled-back delete keeps the files its row still points to.
    transaction.on_commit(lambda: images.delete_photo_files(storage, name, width))


def connect():
    """A signal rather than PhotoModel.delete(): queryset.delete() and the cascade from a deleted
    listing never call delete(), but they do send post_delete. Connected per photo model, so other
    models keep Django's fast delete."""
    for model in apps.get_models():
        if issubclass(model, PhotoModel):
            post_delete.connect(delete_files_of_photo, sender=model, dispatch_uid=f"photo-files-{model._meta.label}")
