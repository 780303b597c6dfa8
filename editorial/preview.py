"""Staff see a draft (or a listing in review) at its normal address, exactly as it will look once published.

Visitors still get a 404 for it. The preview carries a visible banner, is never cached and tells search
engines not to index it.
"""

from django.db.models import Q
from django.utils.cache import add_never_cache_headers

from listings.models import Status
from listings.roles import county_ids


def can_preview(user, model):
    opts = model._meta
    return user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


class StaffPreviewMixin:
    """For a detail view of a publishable model: drafts shown to staff allowed to view them.

    A county editor previews the drafts of their own counties; other counties' listings they see as the
    public does (published: the page, draft: 404)."""

    def get_queryset(self):
        user = self.request.user
        if not can_preview(user, self.model):
            return super().get_queryset()
        queryset = self.model.objects.for_detail_page()
        allowed = county_ids(user)
        if allowed is None:
            return queryset
        shown = Q(status=Status.PUBLISHED)
        if any(field.name == "region" for field in self.model._meta.fields):
            shown |= Q(region__in=allowed)
        return queryset.filter(shown)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = not self.object.is_published
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("preview"):
            response["X-Robots-Tag"] = "noindex, nofollow"
            add_never_cache_headers(response)
        return response
