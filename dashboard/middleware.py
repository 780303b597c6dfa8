from listings.page_views import COUNTED_VIEW_HEADER

from . import counting


class PageViewCountingMiddleware:
    """Counts the views of listings' pages where they are served, from the page cache or not.

    Sits right before ConditionalGetMiddleware and the page cache (settings.MIDDLEWARE): it sees a page served
    from the cache, and sees the 304 a matching If-None-Match makes of it — a revalidation is not a view (the
    304 does not carry the header). A listing's page says which listing it is in COUNTED_VIEW_HEADER
    (listings/page_views.py, stored with it in the page cache); the header is taken off every response here and
    never reaches the browser.
    Counted: a GET answered 200, with counting on, not from a known bot (the user agent is read to decide,
    never stored; none at all is a script), not a prefetch, the first of this client for this listing today
    (counting.count_first_view: a keyed hash left in memory, checked with the cache at the next flush). Nothing
    here waits on Redis: once a second at most the buffer goes on (dashboard/counting.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        view = response.get(COUNTED_VIEW_HEADER)
        if view is not None:
            del response[COUNTED_VIEW_HEADER]
            if (
                request.method == "GET"
                and response.status_code == 200
                and counting.is_enabled()
                and not counting.is_bot(request.META.get("HTTP_USER_AGENT", ""))
                and not counting.is_prefetch(request.META)
            ):
                counting.count_first_view(
                    view, request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_USER_AGENT", "")
                )
        # Any request, counted or not, sends on what this process has buffered once a second has passed.
        counting.flush_buffer_if_due()
        return response
