"""The kinds of listing the portal publishes, as their apps register them: the core and sharing ask here.

The listing core sits below the apps built on it and never imports them: each kind's app calls `register()`
from its `AppConfig.ready()`, so the kinds come in INSTALLED_APPS order (attractions before villages). The pages
that need to know every kind (the sitemap, the feeds, a place's page) ask `listing_kinds()`, `place_kinds()` or
`place_models()` instead of naming `Attraction` and `Village`.

A place's page (listings.views.PlaceDetailView) also shows what other apps know about it: the Border Tours
stopping there (routes), the events held there (events). Those apps register a section with
`register_place_section()`: a function of the place and the day that gives the names the template reads.

A list of places filtered by one county says how many places to stay that county has, a link away: the stays app,
above the places, registers that count with `register_places_to_stay_count()`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class ListingKind:
    """One kind of listing: its model and what the pages about every kind need to know of it."""

    model: type
    # What the kind is called in the names built from it: the sitemap section (`sitemap-attractions.xml`), the
    # nearby lists of a place's page (`nearby_attractions`); the app label.
    name: str
    # The URL name of its list page, when it has one.
    list_url_name: str = ""
    # The FilterSet of its list page: the sitemap lists the pages one filter makes of it.
    filterset_class: type | None = None
    # An attraction or a village: a place other listings stop at, take place at or lie near.
    is_place: bool = False
    # Its pages and its list (with the pages one filter makes of it) are in the sitemap.
    in_sitemap: bool = False
    # The kind in one word, capitalised, where a feed or an editor's list names it beside a listing's name.
    label: str = ""
    # How its pages present themselves (sharing/seo.py); a kind without these is named after its model.
    list_title: str = ""  # the unfiltered list's title ("Attractions along the G331")
    list_things: str = ""  # what the list holds, inside a title ("winter attractions in Hunchun")
    list_label: str = ""  # the list in a page's breadcrumbs ("Attractions")
    page_label: str = ""  # the kind of page on its link preview ("Attraction")
    title_names_county: bool = True  # a page's title is "name, county" (a tour's names no county: it spans several)
    # (listing, context, absolute, preview_url) -> its own JSON-LD (sharing/structured_data.py), or None.
    structured_data: Callable | None = None
    # (listing, values with its name and place) -> a sentence about it, for a page in a language it has no text in.
    sentence: Callable | None = None
    # Its schema.org type when another listing refers to it (a tour's stop).
    schema_type: str = ""

    @property
    def model_name(self):
        return self.model._meta.model_name

    def list_url(self):
        return reverse(self.list_url_name)


_kinds = []
_place_sections = []


def register(model, **options):
    """Make `model` a kind of listing (see ListingKind for the options); called from its app's ready()."""
    kind = ListingKind(model=model, name=model._meta.app_label, **options)
    if any(known.model is model for known in _kinds):
        return  # ready() may run twice (tests reload apps): the first registration stands
    _kinds.append(kind)


def listing_kinds():
    """Every kind of listing, in INSTALLED_APPS order."""
    return list(_kinds)


def place_kinds():
    """The kinds that are places: attraction and village."""
    return [kind for kind in _kinds if kind.is_place]


def place_models():
    """The models of the places (Attraction, Village), in INSTALLED_APPS order."""
    return [kind.model for kind in place_kinds()]


def kind_of(model_or_listing):
    """The ListingKind of a model or of one of its rows; None for a model that is no kind of listing."""
    model = model_or_listing if isinstance(model_or_listing, type) else type(model_or_listing)
    model = model._meta.concrete_model
    return next((kind for kind in _kinds if kind.model is model), None)


@dataclass(frozen=True)
class PlaceSection:
    """What another app shows on a place's page: `context(place, today)` gives the names its template reads.

    `reads`: the models ("app.Model") whose rows the context is made of, when it is made of nothing else than those
    rows, the place's position and county, and the day: the page then keeps it in the cache by the state of those
    tables (listings.fragments.table_stamp) instead of asking for it again on every page. Empty: asked every time.
    The places' and the counties' tables are always in the page's stamp: a section need not name them.
    """

    name: str
    context: Callable
    reads: tuple = ()


def register_place_section(name, context, reads=()):
    """Show `context(place, today)` (a dict for the template) on every place's page; called from an app's ready()."""
    if any(section.name == name for section in _place_sections):
        return
    _place_sections.append(PlaceSection(name, context, tuple(reads)))


def place_sections():
    """The sections other apps add to a place's page, in INSTALLED_APPS order."""
    return list(_place_sections)


_places_to_stay_count = []


def register_places_to_stay_count(count):
    """`count(region)`: the number of published places to stay in a county; called from the stays app's ready()."""
    if not _places_to_stay_count:
        _places_to_stay_count.append(count)


def places_to_stay_count(region):
    """The number of published places to stay in `region`, or None while no app keeps places to stay."""
    return _places_to_stay_count[0](region) if _places_to_stay_count else None


_page_sections = []


def register_page_section(name, context, reads=()):
    """Give every listing's page with a facts box (places and Border Tours) `context(listing, today)`, a dict for
    its view and template (the border-area notes: the box says how many, the page lists them); from ready().
    `reads` as for register_place_section (the listing's own tables are read by the page anyway)."""
    if any(section.name == name for section in _page_sections):
        return
    _page_sections.append(PlaceSection(name, context, tuple(reads)))


def page_sections():
    """The sections other apps add to every listing's page, in INSTALLED_APPS order."""
    return list(_page_sections)
