from django.utils.translation import get_language

from .counting import COUNTED


def page_view(request):
    """On a listing's page, what its beacon reports: the kind of listing, its slug and the page's language.

    Read from the URL that was matched, so the listing views need not know about counting.
    """
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "detail" or match.namespace not in COUNTED:
        return {}
    slug = match.kwargs.get("slug")
    if not slug:
        return {}
    return {"page_view": {"kind": match.namespace, "slug": slug, "language": get_language()}}
