"""The dashboard's figures, per county in its order along the corridor.

Every family of figures is one aggregate query over its model — grouped by county, never one query per
county or per listing — and every figure carries the address of the admin list it counts, already filtered
(`?region__id__exact=3&status__exact=draft`), so a number on the dashboard and the rows behind it are the
same thing. Dates are arguments (`today`), never read from the clock in here.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from attractions.models import Attraction, AttractionFact
from listings.i18n import OTHER_LANGUAGES, missing_language_condition
from listings.models import Region, Status, Theme
from listings.roles import county_ids
from ports.models import PortFact
from reports.models import ProblemReport, ReportStatus
from routes.models import Route, RouteStop, passes_through
from villages.models import Village, VillageFact

from .models import PageView

YEAR = timedelta(days=365)
RECENT_DAYS = 30


@dataclass
class Figure:
    value: int | None
    url: str = ""  # the admin list of exactly these listings; empty when there is none or it is not for this user


@dataclass
class Column:
    key: str
    label: str
    group: str


@dataclass
class CountyRow:
    region: Region | None  # None for the totals
    figures: dict = field(default_factory=dict)

    def cells(self, columns):
        return [self.figures[column.key] for column in columns]


# What still needs work, for attractions and villages alike: (key, label, the admin list's parameters).
# The parameters are those the ModelAdmins' list_filter accepts (see attractions/admin.py, villages/admin.py).
MISSING_LABELS = {"en": _("without English"), "ko": _("without Korean"), "ru": _("without Russian")}
WORK = [
    ("draft", _("in draft"), {"status__exact": Status.DRAFT}),
    ("review", _("in review"), {"status__exact": Status.IN_REVIEW}),
    ("no_photo", _("without a photo"), {"photo": "missing"}),
    *[(f"missing_{code}", MISSING_LABELS[code], {"missing": code}) for code in OTHER_LANGUAGES],
    ("no_source", _("without a source"), {"source": "missing"}),
    ("approximate", _("with an approximate position"), {"position_is_approximate__exact": "1"}),
]
KINDS = [("attractions", Attraction, _("Attractions")), ("villages", Village, _("Villages"))]

PUBLISHED_COLUMNS = [
    Column("attractions_published", _("Published attractions"), _("Published")),
    Column("villages_published", _("Published villages"), _("Published")),
    Column("tours_published", _("Published Border Tours"), _("Published")),
]
CAPACITY_COLUMNS = [
    Column("homestays_now", _("Homestays now"), _("Hospitality")),
    Column("homestays_year_ago", _("Homestays 12 months ago"), _("Hospitality")),
    Column("beds_now", _("Beds now"), _("Hospitality")),
    Column("beds_year_ago", _("Beds 12 months ago"), _("Hospitality")),
]
WORK_COLUMNS = [
    Column(f"{kind}_{key}", format_lazy(_("{kind}: {figure}"), kind=kind_label, figure=label), kind_label)
    for kind, _model, kind_label in KINDS
    for key, label, _params in WORK
]
# The practical facts out of date, fact by fact (not the places that have one): older than twelve months or past
# their last day (DatedFactQuerySet.stale_or_ended, the rule of listings.dating). (key, fact model, its place's
# field, label); each opens its admin list (editorial.admin.DatedFactListAdmin) filtered the same way.
FACT_KINDS = [
    ("attractions", AttractionFact, "attraction", _("Attractions")),
    ("villages", VillageFact, "village", _("Villages")),
    ("ports", PortFact, "port", _("Ports of entry")),
]
STALE_FACTS = {"age": "stale"}
STALE_FACT_COLUMNS = [
    Column(f"{kind}_stale_facts", label, _("Practical facts out of date")) for kind, _model, _field, label in FACT_KINDS
]
COLUMNS = PUBLISHED_COLUMNS + CAPACITY_COLUMNS + WORK_COLUMNS + STALE_FACT_COLUMNS


def work_conditions(model, today):
    """{key: Q} of the WORK figures for attractions or villages on `today`."""
    photos = model._meta.get_field("photos")
    has_photo = Exists(photos.related_model.objects.filter(**{photos.field.name: OuterRef("pk")}))
    has_source = Exists(model.sources.through.objects.filter(**{model._meta.model_name: OuterRef("pk")}))
    conditions = {
        "draft": Q(status=Status.DRAFT),
        "review": Q(status=Status.IN_REVIEW),
        "no_photo": ~Q(has_photo),
        "no_source": ~Q(has_source),
        "approximate": Q(position_is_approximate=True),
    }
    for code in OTHER_LANGUAGES:
        conditions[f"missing_{code}"] = missing_language_condition(model, code)
    return conditions


def count_of(queryset):
    """A subquery of the number of rows of `queryset` (filtered on an OuterRef): one column of the county query."""
    return Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"), IntegerField())


def changelist_url(model, **params):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def add_up(values):
    """The sum of the known values; None when none is known."""
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def end_of_day(day):
    """The first moment of the next day, Beijing time: a record made on `day` is before it."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=timezone.get_default_timezone())


class Dashboard:
    """What one staff member sees: all counties, or a county editor's own."""

    def __init__(self, user, today):
        self.user = user
        self.today = today
        self.allowed = county_ids(user)  # None: every county

    @property
    def year_ago(self):
        return self.today - YEAR

    def may_view(self, model):
        opts = model._meta
        return self.user.has_perm(f"{opts.app_label}.view_{opts.model_name}")

    def scoped(self, queryset, field="region"):
        return queryset if self.allowed is None else queryset.filter(**{f"{field}__in": self.allowed})

    # The table ------------------------------------------------------------------------------------

    @cached_property
    def regions(self):
        """The counties in their order along the road, each with its published Border Tours counted.

        A tour counts in a county where it starts or ends or has a stop at a published place, as the public
        list of Border Tours filtered by that county shows it.
        """
        county = OuterRef("pk")
        stops_here = RouteStop.objects.filter(
            Q(attraction__region=OuterRef(county), attraction__status=Status.PUBLISHED)
            | Q(village__region=OuterRef(county), village__status=Status.PUBLISHED)
        ).values("day__route_id")
        tours = (
            Route.objects.published()
            .filter(Q(start_region=county) | Q(end_region=county) | Q(pk__in=stops_here))
            .order_by()
            .annotate(n=Func(F("pk"), function="COUNT"))
            .values("n")
        )
        # The stale facts of each kind in the county: one subquery each, in this same query.
        stale_facts = {
            f"{kind}_stale_facts": count_of(
                model.objects.stale_or_ended(self.today)
                .filter(**{f"{field}__region": county})
                .values(f"{field}__region")
            )
            for kind, model, field, _label in FACT_KINDS
        }
        regions = Region.objects.along_corridor().annotate(
            tours_published=Subquery(tours, output_field=IntegerField()), **stale_facts
        )
        return list(self.scoped(regions, "pk"))

    def place_counts(self, model):
        """{region id: {figure key: count}} for attractions or villages, in one query."""
        aggregates = {
            key: Count("pk", filter=condition) for key, condition in work_conditions(model, self.today).items()
        }
        aggregates["published"] = Count("pk", filter=Q(status=Status.PUBLISHED))
        if model is Village:
            published = Q(status=Status.PUBLISHED)
            # NULL (unknown) where no published village of the county has recorded them.
            aggregates["homestays_now"] = Sum("homestays", filter=published)
            aggregates["beds_now"] = Sum("beds", filter=published)
        rows = self.scoped(model.objects.order_by()).values("region_id").annotate(**aggregates)
        return {row.pop("region_id"): row for row in rows}

    def capacity_on(self, day):
        """{region id: {"homestays": n, "beds": n}} of the published villages as they stood at the end of `day`
        (None where none of them had recorded it).

        From the change history: the latest record of each village made on or before that day (PostgreSQL's
        DISTINCT ON), kept when the village was then published and not deleted. One query for all villages.
        """
        history = Village.history.model
        latest = (
            history.objects.filter(history_date__lt=end_of_day(day))
            .order_by("id", "-history_date", "-history_id")
            .distinct("id")
            .values("history_id")
        )
        rows = (
            self.scoped(history.objects.filter(history_id__in=latest, status=Status.PUBLISHED), "region_id")
            .exclude(history_type="-")
            .order_by()
            .values("region_id")
            .annotate(homestays=Sum("homestays"), beds=Sum("beds"))
        )
        return {row.pop("region_id"): row for row in rows}

    @cached_property
    def history_starts(self):
        """The day of the first village record in the change history, or None when there is none."""
        first = Village.history.model.objects.order_by("history_date").values_list("history_date", flat=True)[:1]
        first = list(first)
        return timezone.localdate(first[0]) if first else None

    @property
    def history_is_short(self):
        """True when the history begins after the day "twelve months ago" asks about."""
        return self.history_starts is None or self.history_starts > self.year_ago

    def links(self):
        """{column key: (model, admin list parameters)} of every column that has an admin list."""
        links = {"tours_published": (Route, {"status__exact": Status.PUBLISHED})}
        for kind, model, _label in KINDS:
            links[f"{kind}_published"] = (model, {"status__exact": Status.PUBLISHED})
            for key, _text, params in WORK:
                links[f"{kind}_{key}"] = (model, params)
        links["homestays_now"] = links["beds_now"] = (Village, {"status__exact": Status.PUBLISHED})
        for kind, model, _field, _label in FACT_KINDS:
            links[f"{kind}_stale_facts"] = (model, STALE_FACTS)
        return links

    def url(self, key, region=None):
        """The admin list a figure counts, filtered by the county (or for all counties the user has)."""
        model, params = self.links().get(key, (None, None))
        if model is None or not self.may_view(model):
            return ""
        if region is not None:
            # Border Tours are not in a county: their admin list has its own "passes through" filter; a fact is in
            # its place's county (editorial.admin.FactCountyFilter).
            if model is Route:
                county = {"county": region.slug}
            elif any(model is fact_model for _kind, fact_model, _field, _label in FACT_KINDS):
                county = {"county": region.pk}
            else:
                county = {"region__id__exact": region.pk}
            params = {**county, **params}
        return changelist_url(model, **params)

    @cached_property
    def rows(self):
        counts = {kind: self.place_counts(model) for kind, model, _label in KINDS}
        year_ago = self.capacity_on(self.year_ago)
        rows = []
        for region in self.regions:
            values = {"tours_published": region.tours_published or 0}
            for kind, _model, _label in KINDS:
                here = counts[kind].get(region.pk, {})
                values[f"{kind}_published"] = here.get("published", 0)
                for key, _text, _params in WORK:
                    values[f"{kind}_{key}"] = here.get(key, 0)
            villages = counts["villages"].get(region.pk, {})
            # None: not recorded for any (published) village of the county, shown as "—", not as 0.
            values["homestays_now"] = villages.get("homestays_now")
            values["beds_now"] = villages.get("beds_now")
            values["homestays_year_ago"] = year_ago.get(region.pk, {}).get("homestays")
            values["beds_year_ago"] = year_ago.get(region.pk, {}).get("beds")
            for kind, _model, _field, _label in FACT_KINDS:
                values[f"{kind}_stale_facts"] = getattr(region, f"{kind}_stale_facts") or 0
            figures = {key: Figure(value, self.url(key, region)) for key, value in values.items()}
            rows.append(CountyRow(region, figures))
        return rows

    @cached_property
    def totals(self):
        """The sum of every column over the counties shown, linking to the lists without a county filter
        (a county editor's admin lists hold only their own counties)."""
        figures = {
            column.key: Figure(add_up(row.figures[column.key].value for row in self.rows), self.url(column.key))
            for column in COLUMNS
        }
        # A tour through several counties counts once in each of them, and once in the total.
        slugs = [region.slug for region in self.regions]
        figures["tours_published"].value = Route.objects.published().filter(passes_through(slugs)).count()
        return CountyRow(None, figures)

    # Travellers' reports -----------------------------------------------------------------------------

    @cached_property
    def reports(self):
        """Travellers' reports per county by status, each linking to its admin list, with the median days from
        report to fix over the reports this user sees; None when the user may not see reports."""
        if not self.may_view(ProblemReport):
            return None
        reports = self.scoped(ProblemReport.objects.order_by())
        counts = reports.counts_per_county()
        statuses = [status for status, _label in ReportStatus.choices]

        def figures(region):
            here = counts.get(region.pk if region else None, {}) if region is not None else None
            cells = []
            for status in statuses:
                if region is None:
                    value = sum(row.get(status, 0) for row in counts.values())
                    params = {"status__exact": status}
                else:
                    value = here.get(status, 0)
                    params = {"region__id__exact": region.pk, "status__exact": status}
                cells.append(Figure(value, changelist_url(ProblemReport, **params)))
            return cells

        rows = [(region, figures(region)) for region in self.regions]
        if self.allowed is None and None in counts:  # Border Tours: reports of no county
            rows.append(
                (
                    None,
                    [
                        Figure(
                            counts[None].get(status, 0),
                            changelist_url(ProblemReport, region__isnull="True", status__exact=status),
                        )
                        for status in statuses
                    ],
                )
            )
        return {
            "labels": [label for _status, label in ReportStatus.choices],
            "rows": rows,
            "totals": figures(None),
            "median_days_to_fix": reports.median_days_to_fix(),
        }

    # Charts ---------------------------------------------------------------------------------------

    def categories(self):
        """[(label, published, not yet published)] of the attractions by category, in the themes' order."""
        published = Q(status=Status.PUBLISHED)
        rows = (
            self.scoped(Attraction.objects.order_by())
            .values("category")
            .annotate(published=Count("pk", filter=published), unpublished=Count("pk", filter=~published))
        )
        counts = {row["category"]: row for row in rows}
        return [
            (label, counts.get(value, {}).get("published", 0), counts.get(value, {}).get("unpublished", 0))
            for value, label in Theme.choices
        ]

    # Page views ------------------------------------------------------------------------------------

    @cached_property
    def page_views(self):
        """The view counts this user may see: every listing's, or a county editor's attractions and villages."""
        if self.allowed is None:
            return PageView.objects.all()
        return PageView.objects.of_listings([self.scoped(model.objects.all()) for _kind, model, _label in KINDS])

    @property
    def recent_first_day(self):
        return self.today - timedelta(days=RECENT_DAYS - 1)

    def views_per_day(self):
        """[(day, views)] for each of the last 30 days, today last, days without views as 0."""
        counts = self.page_views.between(self.recent_first_day, self.today).per_day()
        return [(day, counts.get(day, 0)) for day in (self.recent_first_day + timedelta(n) for n in range(RECENT_DAYS))]

    def views_per_language(self):
        """[{code, name, views, percent}] of the last 30 days, most viewed first."""
        counts = self.page_views.between(self.recent_first_day, self.today).per_language()
        total = sum(counts.values()) or 1
        names = dict(settings.LANGUAGES)
        return [
            {"code": code, "name": names.get(code, code), "views": views, "percent": round(100 * views / total)}
            for code, views in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]

    def most_viewed(self, limit=10):
        """The most viewed listings of the last 30 days: [MostViewed], one query per kind of listing."""
        rows = self.page_views.between(self.recent_first_day, self.today).most_viewed(limit)
        wanted = {}
        for type_id, object_id, _views in rows:
            wanted.setdefault(type_id, set()).add(object_id)
        listings = {}
        for type_id, ids in wanted.items():
            model = ContentType.objects.get_for_id(type_id).model_class()
            if model is None:
                continue
            related = ["region"] if any(f.name == "region" for f in model._meta.fields) else []
            for listing in model._default_manager.filter(pk__in=ids).select_related(*related):
                listings[(type_id, listing.pk)] = listing
        result = []
        for type_id, object_id, views in rows:
            listing = listings.get((type_id, object_id))
            if listing is not None:  # a deleted listing keeps its counts but leaves the list
                result.append(MostViewed(listing, views, self.admin_change_url(listing)))
        return result

    def admin_change_url(self, listing):
        opts = listing._meta
        if not self.may_view(type(listing)):
            return ""
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[listing.pk])


@dataclass
class MostViewed:
    listing: object
    views: int
    admin_url: str

    @property
    def kind(self):
        return self.listing._meta.verbose_name
