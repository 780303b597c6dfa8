"""What the list and detail pages of attractions, villages and routes share."""

from django.views.generic import DetailView, ListView


class PublishedListView(ListView):
    """A paginated list of published listings."""

    paginate_by = 24

    def get_queryset(self):
        return self.model.objects.published().for_list_page()


class PublishedDetailView(DetailView):
    """A published listing's page; drafts are a 404 for visitors."""

    def get_queryset(self):
        return self.model.objects.published().for_detail_page()
