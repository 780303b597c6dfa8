from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django.views.generic import View

from corridor_portal import clock
from corridor_portal.ratelimit import RateLimitMixin
from listings.cachetags import depends_on, shown_list_tags
from listings.views import FilteredListView, LazyQuerySet, PublishedDetailView
from sharing.views import DetailPageMetadataMixin, ListPageMetadataMixin

from .filters import NEXT_MONTH, THIS_MONTH, EventFilterSet
from .ical import calendar_bytes, ics_filename
from .models import Event

# A calendar feed holds at most this many events (the corridor has a few dozen).
MAX_FEED_EVENTS = 500


class ComingEventsMixin:
    """Published events not over on the day of the request, coming first; the FilterSet gets that day."""

    model = Event
    filterset_class = EventFilterSet

    def get_today(self):
        return clock.today()

    def coming_events(self):
        """Not annotated with `next_date`: the FilterSet adds it when ordering the rows (its facet counts need none)."""
        self.today = self.get_today()
        return Event.objects.published().coming(self.today).for_list_page()

    def make_filterset(self, queryset):
        return self.filterset_class(self.request.GET, queryset=queryset, request=self.request, today=self.today)


class EventListView(ListPageMetadataMixin, ComingEventsMixin, FilteredListView):
    """What's on: coming events, filterable by month (with this month and next month), county and kind."""

    template_name = "events/event_list.html"
    fragment_template_name = "events/includes/event_browse.html"
    card_template = "events/includes/event_card.html"
    count_text = ngettext_lazy("%(n)s event", "%(n)s events", "n")

    def get_queryset(self):
        self.declare_shown_lists()
        self.today = self.get_today()
        # Built only when read (listings.views.LazyQuerySet): a list whose parts are kept reads no rows.
        self.filterset = self.make_filterset(LazyQuerySet(self.coming_events, Event))
        return self.lazy_results()

    def get_list_map(self, items):
        return None  # events are listed by date, not placed on a map

    def get_context_data(self, **kwargs):
        feed_query = self.request.GET.copy()
        feed_query.pop("page", None)
        return super().get_context_data(
            today=self.today,
            this_month=THIS_MONTH,
            next_month=NEXT_MONTH,
            current_month=self.filterset.cleaned_data.get("month") or "",
            feed_query=feed_query.urlencode(),
            **kwargs,
        )


class EventDetailView(DetailPageMetadataMixin, PublishedDetailView):
    """An event's page; a past event keeps its page, marked as past."""

    model = Event
    template_name = "events/event_detail.html"

    def get_context_data(self, **kwargs):
        today = clock.today()
        schedule = self.object.when(today)
        return super().get_context_data(today=today, schedule=schedule, **kwargs)


class EventIcsView(RateLimitMixin, PublishedDetailView):
    """One event as an iCalendar file (all-day or timed): only when its dates are announced, else a 404."""

    model = Event
    rate_limit_group = "download"

    def render_to_response(self, context, **response_kwargs):
        event = self.object
        body = calendar_bytes([event], self.request, clock.today(), name=event.name)
        if body is None:
            # Usual months are not dates: say why there is no file rather than a bare "page not found".
            return render(self.request, "events/no_calendar_file.html", {"event": event}, status=404)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{ics_filename(event.slug)}"'
        return response


class EventFeedView(RateLimitMixin, ComingEventsMixin, View):
    """Any filtered list of events as a calendar feed to subscribe to: /events/feed.ics?county=…"""

    rate_limit_group = "download"

    def get(self, request, *args, **kwargs):
        depends_on(*shown_list_tags(Event))
        filterset = self.make_filterset(self.coming_events())
        events = list(filterset.qs[:MAX_FEED_EVENTS])
        body = calendar_bytes(events, request, self.today, name=str(_("What's on along the G331")), feed=True)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="g331-events.ics"'
        return response
