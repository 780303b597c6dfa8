from django.apps import AppConfig


class SharingConfig(AppConfig):
    """What search engines and shared links read: page metadata, JSON-LD, sitemaps, feeds, preview images."""

    name = "sharing"
