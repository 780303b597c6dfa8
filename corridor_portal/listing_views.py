"""What the list and detail pages of attractions, villages and routes share."""

from django.utils.cache import patch_vary_headers
from django.views.generic import DetailView, ListView

# Sent by static/js/filters.js: answer with the form and the results only, not the whole page.
FRAGMENT_HEADER = "X-Requested-With"
FRAGMENT_HEADER_VALUE = "fetch"


class PublishedListView(ListView):
    """A paginated list of published listings."""

    paginate_by = 24

    def get_queryset(self):
        return self.model.objects.published().for_list_page()


class FilteredListView(PublishedListView):
    """A list narrowed by the FilterSet of its app, with facet counts and removable filter chips.

    With JavaScript the form asks for the same address with the fragment header and gets only the
    part of the page that changes; the response varies on that header so no cache mixes them up.
    """

    filterset_class = None
    card_template = "includes/place_card.html"
    fragment_template_name = "includes/browse.html"
    count_text = None  # ngettext_lazy with %(n)s, set by each list

    def get_queryset(self):
        self.filterset = self.filterset_class(self.request.GET, queryset=super().get_queryset(), request=self.request)
        return self.filterset.qs

    def is_fragment_request(self):
        return self.request.headers.get(FRAGMENT_HEADER) == FRAGMENT_HEADER_VALUE

    def get_template_names(self):
        if self.is_fragment_request():
            return [self.fragment_template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = context["paginator"].count
        context.update(
            filterset=self.filterset,
            facet_groups=self.filterset.facet_groups(),
            chips=self.filterset.chips(),
            clear_url=self.filterset.clear_url(),
            filter_problems=self.filterset.problems(),
            active_filter_count=self.filterset.active_count,
            search_query=self.filterset.cleaned_data.get("q", ""),
            current_sort=self.filterset.cleaned_data.get("sort") or "",
            sort_choices=self.filterset.sort_choices,
            result_count=count,
            result_count_text=self.count_text % {"n": count},
            card_template=self.card_template,
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        patch_vary_headers(response, [FRAGMENT_HEADER])
        return response


class PublishedDetailView(DetailView):
    """A published listing's page; drafts are a 404 for visitors."""

    def get_queryset(self):
        return self.model.objects.published().for_detail_page()
