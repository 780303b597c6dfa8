"""The open data API: read-only JSON of the published listings, with the list pages' filters and languages.

Never a draft (every queryset starts from `published()`), no authentication at all (a staff member's session
changes nothing here), rate-limited per client like the pages' data, readable from any origin (CORS for reads),
and cached by the page cache like any anonymous page (the answer depends on the address only).
"""

from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.views.generic import TemplateView
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from attractions.filters import AttractionFilterSet
from attractions.models import Attraction
from corridor_portal import clock
from corridor_portal.ratelimit import RateLimitMixin
from events.filters import EventFilterSet
from events.models import Event
from listings.cachetags import depends_on, list_tags, searched_tags
from listings.maps import geojson_feature
from listings.models import Region
from ports.filters import PortFilterSet
from ports.models import PortOfEntry
from routes.filters import RouteFilterSet
from routes.models import Route
from stays.filters import StayFilterSet
from stays.models import Stay
from villages.filters import VillageFilterSet
from villages.models import Village

from .serializers import SERIALIZERS


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class ListingPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class FilterWithTheDay(DjangoFilterBackend):
    """The list pages' FilterSets, given the request's day where they need one (events: "this month").

    Stricter than the pages: a page leaves out a filter it cannot use and says so; a program gets a 400 that
    names it, rather than results it did not ask for."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        filterset.is_valid()
        problems = filterset.problems()
        if problems:
            raise ValidationError({"filters": problems})
        return filterset.qs

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        if view.filters_need_today:
            kwargs["today"] = view.today
        return kwargs


class OpenDataMixin(RateLimitMixin):
    model = None
    rate_limit_group = "api"
    authentication_classes = []
    filters_need_today = False

    # The app labels of other kinds its rows show beyond those they point to (a tour's stops).
    shows_lists = ()

    def initial(self, request, *args, **kwargs):
        self.today = clock.today()
        # Coarse for one listing too: a row's representation names what it links to.
        # searched_tags: the rows carry their long texts (descriptions) too.
        depends_on(*searched_tags(self.model), *list_tags(self.shows_lists))
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Public data, readable from any site's scripts; no credentials are ever involved.
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        # The representation follows the address alone (?format=): no Vary on Accept, so the page cache keeps it.
        vary = [value.strip() for value in response.get("Vary", "").split(",") if value.strip().lower() != "accept"]
        if "Vary" in response:
            del response["Vary"]
        patch_vary_headers(response, vary)
        return response

    def get_serializer_class(self):
        list_serializer, detail_serializer = SERIALIZERS[self.model]
        return detail_serializer if self.is_detail else list_serializer


class ListingListView(OpenDataMixin, generics.ListAPIView):
    is_detail = False
    pagination_class = ListingPagination
    filter_backends = [FilterWithTheDay]

    def list(self, request, *args, **kwargs):
        if getattr(request.accepted_renderer, "format", "") != "geojson":
            return super().list(request, *args, **kwargs)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        regions = list(Region.objects.all())
        features = [geojson_feature(item, regions) for item in page]
        return self.get_paginated_response({"type": "FeatureCollection", "features": features})

    def get_paginated_response(self, data):
        if isinstance(data, dict):  # GeoJSON: the collection with the page's links beside it
            return Response(
                {
                    **data,
                    "count": self.paginator.page.paginator.count,
                    "next": self.paginator.get_next_link(),
                    "previous": self.paginator.get_previous_link(),
                }
            )
        return super().get_paginated_response(data)


class ListingDetailView(OpenDataMixin, generics.RetrieveAPIView):
    is_detail = True
    lookup_field = "slug"


class PlaceApi:
    renderer_classes = [JSONRenderer, GeoJSONRenderer]


class AttractionList(PlaceApi, ListingListView):
    model = Attraction
    filterset_class = AttractionFilterSet

    def get_queryset(self):
        return Attraction.objects.published().select_related("region")


class AttractionDetail(PlaceApi, ListingDetailView):
    model = Attraction

    def get_queryset(self):
        return Attraction.objects.published().select_related("region")


class VillageList(PlaceApi, ListingListView):
    model = Village
    filterset_class = VillageFilterSet

    def get_queryset(self):
        return Village.objects.published().select_related("region")


class VillageDetail(PlaceApi, ListingDetailView):
    model = Village

    def get_queryset(self):
        return Village.objects.published().select_related("region")


class PortList(PlaceApi, ListingListView):
    model = PortOfEntry
    filterset_class = PortFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no request, no day
            return PortOfEntry.objects.none()
        return PortOfEntry.objects.published().select_related("region").with_status_check(self.today)


class PortDetail(PlaceApi, ListingDetailView):
    model = PortOfEntry

    def get_queryset(self):
        return PortOfEntry.objects.published().select_related("region").with_status_check(self.today)


class RouteList(PlaceApi, ListingListView):
    """Border Tours; as GeoJSON, each tour is the lines through its stops with known positions."""

    model = Route
    shows_lists = ("attractions", "villages")
    filterset_class = RouteFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no request, no day
            return Route.objects.none()
        routes = Route.objects.published()
        if getattr(self.request.accepted_renderer, "format", "") == "geojson":
            return routes.for_detail_page()
        return routes.select_related("start_region", "end_region")


class RouteDetail(PlaceApi, ListingDetailView):
    """A Border Tour with its days and ordered stops, and the distances that are known."""

    model = Route
    shows_lists = ("attractions", "villages")

    def get_queryset(self):
        return Route.objects.published().for_detail_page()


class StayList(PlaceApi, ListingListView):
    """Places to stay; a stay's village only when it is published."""

    model = Stay
    filterset_class = StayFilterSet

    def get_queryset(self):
        return Stay.objects.published().select_related("region", "village__region")


class StayDetail(PlaceApi, ListingDetailView):
    model = Stay

    def get_queryset(self):
        return Stay.objects.published().select_related("region", "village__region")


EVENT_PLACES = ("region", "attraction__region", "village__region")


class EventList(ListingListView):
    """Coming events (not over on the day of the request), soonest first, as on /events/."""

    model = Event
    filterset_class = EventFilterSet
    filters_need_today = True

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no request, no day
            return Event.objects.none()
        return Event.objects.published().coming(self.today).with_next_date(self.today).select_related(*EVENT_PLACES)


class EventDetail(ListingDetailView):
    model = Event

    def get_queryset(self):
        return Event.objects.published().select_related(*EVENT_PLACES)


ENDPOINTS = [
    ("attractions", "api:attraction-list", True),
    ("villages", "api:village-list", True),
    ("routes", "api:route-list", True),
    ("ports", "api:port-list", True),
    ("events", "api:event-list", False),
    ("stays", "api:stay-list", True),
]


class ApiDocumentation(TemplateView):
    """The API's documentation page, written from its OpenAPI schema (so it cannot drift from the code): each
    address with its parameters. A page of the site like the others (no JavaScript, the site's languages)."""

    template_name = "api/documentation.html"

    def get_context_data(self, **kwargs):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        endpoints = []
        for path, operations in schema["paths"].items():
            operation = operations.get("get")
            if operation is None or path.endswith("/schema/"):
                continue
            parameters = [
                {
                    "name": parameter["name"],
                    "where": parameter["in"],
                    "description": parameter.get("description", ""),
                    "values": parameter.get("schema", {}).get("enum")
                    or parameter.get("schema", {}).get("items", {}).get("enum", []),
                }
                for parameter in operation.get("parameters", [])
            ]
            endpoints.append({"path": path, "summary": operation.get("description", ""), "parameters": parameters})
        return super().get_context_data(
            endpoints=endpoints,
            schema_url=reverse("api:schema"),
            root_url=reverse("api:root"),
            page_title=gettext("Open data: the corridor's listings as JSON"),
            **kwargs,
        )


@extend_schema(responses=OpenApiTypes.OBJECT)
class ApiRoot(RateLimitMixin, APIView):
    """Where everything is: each kind's list (and GeoJSON where it has places), the schema, the documentation."""

    rate_limit_group = "api"
    authentication_classes = []

    def get(self, request):
        def absolute(name):
            return request.build_absolute_uri(reverse(name))

        kinds = {}
        for kind, name, has_geojson in ENDPOINTS:
            kinds[kind] = {"list": absolute(name)}
            if has_geojson:
                kinds[kind]["geojson"] = absolute(name) + "?format=geojson"
        response = Response({"kinds": kinds, "schema": absolute("api:schema"), "documentation": absolute("api:docs")})
        response["Access-Control-Allow-Origin"] = "*"
        return response
