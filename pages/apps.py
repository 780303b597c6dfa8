from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The site-wide pages: the home page and the search across every kind of listing."""

    name = "pages"
