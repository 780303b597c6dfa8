from django.apps import AppConfig


class PhotosConfig(AppConfig):
    """Listings' photos: upload checks, cleaned originals, renditions, drawn stand-ins for the demo."""

    name = "photos"

    def ready(self):
        from . import signals

        signals.connect()
