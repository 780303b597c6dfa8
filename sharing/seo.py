"""How each page presents itself to search engines and link previews: the one place where that is decided.

Every page's view puts a `PageSeo` in its context as `seo`; `templates/includes/seo_head.html` (included by
base.html) writes it out: <title> and meta description, canonical address, robots, language alternates,
Open Graph and Twitter card tags, JSON-LD and the feeds.

The rules:
- A detail page is canonical to itself in its own language, and indexed.
- A list page without filters, or with exactly one filter of one value (`?county=hunchun`), is canonical
  to itself and indexed; a pagination page keeps `page`; sorting is dropped from the canonical address.
- Any other combination (two filters, two values of one filter, a search word, `near`) is canonical to the
  single-filter page it narrows (or to the unfiltered list) and carries `noindex, follow`; so does an empty list.
- Search results are `noindex, follow`, canonical to the search page without the query.
- Titles and descriptions come from the content in the page's language, cut at a word boundary (by
  characters for Chinese); when the page's language has no text of its own, a sentence is made from
  translated labels instead of showing a description in another language (the words: descriptions.py).
"""

import functools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from listings import kinds
from listings.filters import SEASON_NOT_KNOWN
from listings.i18n import html_lang, path_in_language, same_site_path, text_and_language
from photos import images

from . import structured_data
from .descriptions import content_description, description_limit, join_labels, name_of, place_of, shorten, title_limit

NOINDEX = "noindex, follow"
# Open Graph wants language_TERRITORY.
OG_LOCALES = {"zh-hans": "zh_CN", "en": "en_US", "ko": "ko_KR", "ru": "ru_RU"}

SITE_NAME = _("Jilin Border Tours")
SITE_TITLE = _("The G331 Border Corridor of Jilin")
SITE_DESCRIPTION = _(
    "Attractions, border villages and multi-day Border Tours along the G331 highway in Jilin, "
    "from Ji'an past Changbai Mountain to Hunchun."
)

# Filters that make a list page of its own (a county, a season, a category…), as opposed to a search
# word or a distance, which only narrow a list.
NOT_PAGE_MAKING = {"q", "near", "radius", "sort"}


@dataclass(frozen=True)
class Feed:
    title: str
    url: str


def feeds():
    """The Atom feeds every page links to, in the page's language."""
    return [
        Feed(gettext("Newly published attractions and villages"), reverse("feed_listings")),
        Feed(gettext("New Border Tours"), reverse("feed_routes")),
    ]


@dataclass
class PageSeo:
    """What a page says about itself in <head>; built by the functions below, written by seo_head.html."""

    title: str
    description: str
    canonical: str
    alternates: list
    x_default: str
    image: str
    image_alt: str
    robots: str = ""
    og_type: str = "website"
    locale: str = ""
    locale_alternates: list = field(default_factory=list)
    structured_data: list = field(default_factory=list)
    feeds: list = field(default_factory=list)
    image_width: int = images.SHARE_IMAGE_SIZE[0]
    image_height: int = images.SHARE_IMAGE_SIZE[1]

    @property
    def is_indexed(self):
        return "noindex" not in self.robots

    @functools.cached_property
    def json_ld(self):
        return [structured_data.render(data) for data in self.structured_data]

    def __getstate__(self):
        # Kept with a listing's page (listings.views.KeptListingMixin): rendered once, not on every page it serves.
        self.json_ld  # noqa: B018 - fills the cached property before pickling
        return self.__dict__


def build(request, *, title, description, canonical_path, image_path, image_alt="", **extra):
    """A PageSeo with absolute addresses, the alternates of the canonical page in every language, and feeds."""
    language = get_language() or settings.LANGUAGE_CODE
    absolute = request.build_absolute_uri
    canonical_path = same_site_path(canonical_path)
    alternates = [
        {"hreflang": html_lang(code), "href": absolute(path_in_language(canonical_path, code))}
        for code, _name in settings.LANGUAGES
    ]
    return PageSeo(
        title=shorten(title, title_limit(language), language),
        description=shorten(description, description_limit(language), language),
        canonical=absolute(canonical_path),
        alternates=alternates,
        x_default=absolute(path_in_language(canonical_path, settings.LANGUAGE_CODE)),
        image=absolute(image_path),
        image_alt=str(image_alt or title),
        locale=OG_LOCALES.get(language, language),
        locale_alternates=[OG_LOCALES[code] for code, _name in settings.LANGUAGES if code != language],
        feeds=feeds(),
        **extra,
    )


# Home and search ----------------------------------------------------------------------------------


def home_page(request):
    language = get_language() or settings.LANGUAGE_CODE
    absolute = request.build_absolute_uri
    website = structured_data.website(
        SITE_NAME, SITE_DESCRIPTION, reverse("home"), reverse("search"), language, absolute
    )
    return build(
        request,
        title=SITE_TITLE,
        description=SITE_DESCRIPTION,
        canonical_path=reverse("home"),
        image_path=reverse("preview_site"),
        structured_data=[website],
    )


def search_page(request, query):
    title = gettext("Search: %(query)s") % {"query": query} if query else gettext("Search")
    return build(
        request,
        title=title,
        description=gettext("Search attractions, villages and tours") + " · " + str(SITE_TITLE),
        canonical_path=reverse("search"),
        image_path=reverse("preview_site"),
        robots=NOINDEX,
    )


# List pages -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListWording:
    title: str  # the unfiltered list's title
    things: str  # what the list holds, inside a sentence ("attractions")


def active_filters(filterset):
    """{name: [values]} of the filters in use, in the form's order; values the list could not use are left out."""
    usable = filterset.active_conditions()
    active = {}
    for name, value in filterset.cleaned_data.items():
        if name not in usable:
            continue
        active[name] = list(value) if isinstance(value, list | tuple) else [value]
    return active


def is_page_making(filterset, name):
    return name not in NOT_PAGE_MAKING and filterset.facet_kind(name) in ("checkbox", "radio", "toggle")


def is_page_making_value(name, value):
    """The list of what no source gives a season for is where a notice links, not a page of its own."""
    return not (name == "season" and value == SEASON_NOT_KNOWN)


def single_filter(filterset, active):
    """(name, value) of the one page-making filter with one value the list is narrowed by, or None.

    With several, the first in the order of the facets (county first) is the page the others narrow.
    """
    for name in filterset.facets:
        values = active.get(name)
        if values and len(values) == 1 and is_page_making(filterset, name) and is_page_making_value(name, values[0]):
            return name, values[0]
    return None


def query_value(value):
    return "1" if value is True else str(value)


def value_labels(filterset, name, values):
    """The visitor-facing labels of a filter's values ("Hunchun", "Winter", "Free entry", "“snow”")."""
    if name == "q":
        return [f"“{value}”" for value in values]
    if name == "near":
        nearby = filterset.nearby_form() if hasattr(filterset, "nearby_form") else {}
        place = nearby.get("place")
        if not place:
            return []
        if nearby.get("in_county"):
            return [
                gettext("In the county of %(place)s (%(county)s): its exact position is not known")
                % {"place": text_and_language(place, "name")[0], "county": text_and_language(place.region, "name")[0]}
            ]
        return [
            gettext("Within %(km)s km of %(place)s")
            % {"km": f"{nearby['radius']:g}", "place": text_and_language(place, "name")[0]}
        ]
    kind = filterset.facet_kind(name)
    if kind == "toggle":
        return [str(filterset.filters[name].label)]
    labels = dict(filterset.facet_choices(name))
    return [str(labels.get(str(value), value)) for value in values]


def describe_list(wording, filterset, active):
    """A title naming the filters: "Winter attractions in Hunchun", "Border villages: Korean, With homestays"."""
    if not active:
        return str(wording.title)
    things = str(wording.things)
    details = []
    seasons = active.get("season", [])
    if len(seasons) == 1 and seasons[0] != SEASON_NOT_KNOWN:
        things = gettext("%(season)s %(things)s") % {
            "season": value_labels(filterset, "season", seasons)[0],
            "things": things,
        }
    counties = active.get("county", [])
    if counties:
        things = gettext("%(things)s in %(places)s") % {
            "things": things,
            "places": join_labels(value_labels(filterset, "county", counties)),
        }
    for name, values in active.items():
        named_in_things = name == "season" and len(values) == 1 and values[0] != SEASON_NOT_KNOWN
        if name == "county" or named_in_things or name == "radius":
            continue
        details.extend(value_labels(filterset, name, values))
    title = things
    if details:
        title = gettext("%(title)s: %(details)s") % {"title": things, "details": join_labels(details)}
    return capfirst(title)


def list_wording(model):
    """The words of a list, as its kind registered them (listings.kinds); else it is named after its model."""
    kind = kinds.kind_of(model)
    if kind is not None and kind.list_title:
        return ListWording(kind.list_title, kind.list_things)
    return ListWording(capfirst(model._meta.verbose_name_plural), model._meta.verbose_name_plural)


def first_names(page_obj):
    """The names of a list page's first three results, which its description gives."""
    return [name_of(item) for item in list(page_obj.object_list)[:3]]


def list_page(request, filterset, page_obj, result_count_text, names=None):
    """Canonical address, robots, title and description of a list page, from its filters and results (`names`:
    first_names(page_obj), when the list has them already)."""
    wording = list_wording(filterset.queryset.model)
    active = active_filters(filterset)
    single = single_filter(filterset, active)
    is_own_page = not active or (single is not None and len(active) == 1)

    params = {}
    if single is not None:
        params[single[0]] = query_value(single[1])
    if is_own_page and page_obj.number > 1:
        params["page"] = page_obj.number
    path = request.path + (f"?{urlencode(params)}" if params else "")
    empty = page_obj.paginator.count == 0

    title = describe_list(wording, filterset, active)
    if page_obj.number > 1:
        title = gettext("%(title)s, page %(number)s") % {"title": title, "number": page_obj.number}
    if names is None:
        names = first_names(page_obj)
    description = gettext("%(count)s on the G331 border corridor in Jilin.") % {"count": result_count_text}
    if names:
        description = gettext("%(count)s on the G331 border corridor in Jilin, among them %(names)s.") % {
            "count": result_count_text,
            "names": join_labels(names),
        }
    if active:
        description = gettext("%(title)s: %(description)s") % {
            "title": describe_list(wording, filterset, active),
            "description": description,
        }
    return build(
        request,
        title=title,
        description=description,
        canonical_path=path,
        image_path=reverse("preview_site"),
        robots="" if is_own_page and not empty else NOINDEX,
    )


# Detail pages -----------------------------------------------------------------------------------------


def page_label(model):
    """The kind of page a listing's link preview names: as its kind registered it, else its model's name."""
    kind = kinds.kind_of(model)
    return kind.page_label if kind is not None and kind.page_label else model._meta.verbose_name


def first_photo(listing):
    """The first photo (prefetched on detail pages), or None for a listing without photos."""
    return getattr(listing, "cover_photo", None)


def preview_image_path(listing):
    """The address of the listing's 1200 × 630 preview; the version changes when the listing or its photo does."""
    photo = first_photo(listing)
    version = f"{int(listing.updated_at.timestamp())}-{photo.pk if photo else 0}"
    kind = listing._meta.model_name
    return f"{reverse('preview_image', kwargs={'kind': kind, 'slug': listing.slug})}?v={version}"


def list_of(listing):
    """(label, address) of the list a listing belongs to, for its breadcrumbs; None when it has none."""
    meta = listing._meta
    try:
        url = reverse(f"{meta.app_label}:list")
    except NoReverseMatch:
        return None
    kind = kinds.kind_of(listing)
    label = kind.list_label if kind is not None and kind.list_label else capfirst(meta.verbose_name_plural)
    return label, url


def describe_listing(listing, context, absolute, preview):
    """The listing's own JSON-LD (TouristAttraction, TouristDestination, TouristTrip), or None."""
    kind = kinds.kind_of(listing)
    if kind is None or kind.structured_data is None:
        return None
    return kind.structured_data(listing, context, absolute, preview)


def detail_page(request, listing, context):
    """The SEO of an attraction's, a village's or a Border Tour's page, with its JSON-LD and breadcrumbs."""
    name = name_of(listing)
    place = place_of(listing)
    title = name
    kind = kinds.kind_of(listing)
    if place and (kind is None or kind.title_names_county):
        title = gettext("%(name)s, %(place)s") % {"name": name, "place": place}
    absolute = request.build_absolute_uri
    image_path = preview_image_path(listing)
    described = describe_listing(listing, context, absolute, absolute(image_path))
    trail = [(gettext("Home"), reverse("home")), list_of(listing), (name, listing.get_absolute_url())]
    crumbs = structured_data.breadcrumbs([step for step in trail if step], absolute)
    photo = first_photo(listing)
    return build(
        request,
        title=title,
        description=content_description(listing),
        canonical_path=listing.get_absolute_url(),
        image_path=image_path,
        image_alt=text_and_language(photo, "alt_text")[0] if photo else name,
        og_type="article",
        # A draft is only ever seen by staff previewing it.
        robots="" if getattr(listing, "is_published", True) else NOINDEX,
        structured_data=[data for data in (described, crumbs) if data],
    )
