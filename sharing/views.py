"""What crawlers and link previews fetch besides the pages: robots.txt and the 1200 × 630 preview images; and the
view mixins that give a list or a listing's page what it says about itself (`seo`, see seo.py).

The sitemap (sitemaps.py) and the feeds (feeds.py) are wired in urls.py with Django's own views.
"""

from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe

from listings import kinds
from listings.models import SlugRedirect
from photos import images

from . import descriptions, previews, seo


class ListPageMetadataMixin:
    """A filtered list's `seo` (listings.views.FilteredListView): canonical address, robots, title and description."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = context["page_obj"]
        # Kept with the list's parts when it keeps them (FilteredListView.kept_value): reading them reads the page.
        names = (
            self.kept_value("first names", partial(seo.first_names, page_obj)) if hasattr(self, "kept_value") else None
        )
        context["seo"] = seo.list_page(self.request, self.filterset, page_obj, context["result_count_text"], names)
        return context


class DetailPageMetadataMixin:
    """A listing's page's `seo` (listings.views.PublishedDetailView), with its JSON-LD and breadcrumbs."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kept = context.get("kept_parts")  # listings.views.KeptListingMixin keeps it with the page's parts

        def describe():
            return seo.detail_page(self.request, self.object, context)

        context["seo"] = kept.value("seo", describe) if kept is not None else describe()
        return context


PREVIEW_MAX_AGE = 24 * 60 * 60
CARD_CACHE_SECONDS = 7 * 24 * 60 * 60
# Downloads and machine-readable copies of the pages: nothing for a search engine to index.
DISALLOWED_PATTERNS = ["/*/gpx/", "/*.gpx", "/*/ics/", "/*.ics", "/*.geojson"]


@require_safe
def robots_txt(request):
    """Crawlers: everything but the admin, search results and the downloads; the sitemap's address."""
    lines = ["User-agent: *", "Disallow: /admin/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lines.append(f"Disallow: {reverse('search')}")
    lines += [f"Disallow: {pattern}" for pattern in DISALLOWED_PATTERNS]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}", ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={PREVIEW_MAX_AGE}"
    return response


def listing_models():
    """{model name: model} of the kinds of listing (listings.kinds), each with pages of its own."""
    return {kind.model_name: kind.model for kind in kinds.listing_kinds()}


def jpeg_response(content):
    response = HttpResponse(content, content_type="image/jpeg")
    response["Cache-Control"] = f"public, max-age={PREVIEW_MAX_AGE}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def card_cached(key, draw):
    """The bytes of a drawn card, from the cache when the same card was drawn before."""
    content = cache.get(key)
    if content is None:
        content = draw()
        cache.set(key, content, CARD_CACHE_SECONDS)
    return content


@require_safe
def preview_image(request, kind, slug):
    """A listing's link preview: its first photo cropped to 1200 × 630, or a card drawn with its name."""
    model = listing_models().get(kind)
    if model is None:
        raise Http404
    listing = model.objects.published().filter(slug=slug).first()
    if listing is None:
        moved = SlugRedirect.objects.moved_listing(model, slug)
        if moved is None:
            raise Http404
        return HttpResponsePermanentRedirect(reverse("preview_image", kwargs={"kind": kind, "slug": moved.slug}))
    photo = seo.first_photo(listing)
    if photo is not None and photo.image:
        storage = photo.image.storage
        name = images.share_image_name(photo.image.name)
        if not storage.exists(name):  # a photo stored before link previews existed: crop it once now
            name = images.make_share_image(photo)
        with storage.open(name, "rb") as file:
            return jpeg_response(file.read())
    language = get_language()
    key = f"preview-card:{kind}:{listing.pk}:{language}:{listing.updated_at.timestamp():.0f}"
    kind_label = seo.page_label(model)
    return jpeg_response(
        card_cached(
            key,
            lambda: previews.draw_card(
                descriptions.name_of(listing),
                descriptions.place_of(listing),
                str(kind_label),
                site_name=str(seo.SITE_NAME),
            ),
        )
    )


@require_safe
def preview_site(request):
    """The link preview of the home page and the lists: the corridor's card in the page's language."""
    language = get_language()
    return jpeg_response(
        card_cached(
            f"preview-card:site:{language}:v1",
            lambda: previews.draw_card(
                str(seo.SITE_TITLE), gettext("From Ji'an to Hunchun"), str(seo.SITE_NAME), site_name=""
            ),
        )
    )
