"""How a listing's page says which listing it shows, for the count of page views.

The page (PublishedDetailView) marks its response with an internal header, COUNTED_VIEW_HEADER:
"<content type id>:<object id>:<language>". The page cache stores the header with the page; the dashboard's
middleware (dashboard/middleware.py) takes it off every response and counts the view, or not (dashboard/counting.py
says when).
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import get_language

# Set by a listing's page on its response, read and removed by PageViewCountingMiddleware.
COUNTED_VIEW_HEADER = "X-Counted-View"


def content_type_id(listing):
    """The content type of a listing or listing model (ContentType's own cache: no query after the first)."""
    return ContentType.objects.get_for_model(listing).pk


def mark_view(response, listing):
    """Mark `response` as one view of `listing` in the active language; the middleware counts it (or not)."""
    response[COUNTED_VIEW_HEADER] = f"{content_type_id(listing)}:{listing.pk}:{get_language()}"
    return response
