"""The yardstick of `make bench`: the smallest real Django page, served only when settings.BENCH is on.

One view, one row read from PostgreSQL, a tiny template, through the same middleware and gunicorn as
every other page. Each page's throughput is reported as a ratio to this one (bench/run.py).
"""

from django.views.generic import TemplateView

from listings.models import Region


class MinimalView(TemplateView):
    """One county's name from the database, in a page of a few lines."""

    template_name = "bench/minimal.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(region=Region.objects.only("name").first(), **kwargs)


class ShellView(TemplateView):
    """base.html with an empty body: the header, the language links, the footer and its counties, the context
    processors and the middleware, what every page of the site pays before its own content (bench/misses.py)."""

    template_name = "bench/shell.html"
