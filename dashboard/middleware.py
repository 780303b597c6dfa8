from django.urls import reverse

from .views import page_view


class PageViewBeaconMiddleware:
    """Answers the page-view beacon before the rest of the middleware.

    A beacon needs none of what the other layers do for a page — sessions, language, CSRF, users, messages,
    the page cache, security headers for an HTML body — and at a thousand a second their cost adds up. It
    sits right after TrustedProxyMiddleware (the real client address, for the abuse limit) and the request id;
    the view is the same `page_view` the URLconf names, so without this middleware nothing changes but speed.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.path = None

    def __call__(self, request):
        if request.method == "POST":
            if self.path is None:
                self.path = reverse("page_view")
            if request.path_info == self.path:
                return page_view(request)
        return self.get_response(request)
