from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, FormView

from corridor_portal.ratelimit import RateLimitMixin
from listings import kinds
from listings.i18n import text_and_language

from .forms import ReportForm
from .models import ProblemReport


def published_listing(kind_name, slug):
    """The published listing of a kind (its app label) by slug; 404 for anything else."""
    kind = next((kind for kind in kinds.listing_kinds() if kind.name == kind_name), None)
    if kind is None:
        raise Http404
    return get_object_or_404(kind.model.objects.published(), slug=slug)


def listing_name(listing):
    field = "name" if hasattr(listing, "name_zh_hans") else "title"
    return text_and_language(listing, field)[0]


# No CSRF token: it would set a cookie on a visitor, and the portal sets none (privacy page). A report forged
# from another site is no more than a report anyone may send, and meets the same guards.
# Never cached: the form carries the moment it was opened (forms.py).
@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(never_cache, name="dispatch")
class ReportProblemView(RateLimitMixin, FormView):
    """Report a problem with a listing; works without JavaScript, leaves no personal data."""

    form_class = ReportForm
    template_name = "reports/report_form.html"
    rate_limit_group = "report"
    rate_limit_methods = ("POST",)

    def dispatch(self, request, *args, **kwargs):
        self.listing = published_listing(kwargs["kind"], kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        name = listing_name(self.listing)
        return super().get_context_data(
            listing=self.listing, listing_name=name, page_title=gettext("Report a problem: %(name)s") % {"name": name}
        )

    def form_valid(self, form):
        report = ProblemReport.about(
            self.listing,
            kind=form.cleaned_data["kind"],
            message=form.cleaned_data["message"],
            language=get_language() or "",
        )
        report.save()
        return redirect(report.get_status_url() + "?sent=1")


class ReportStatusView(DetailView):
    """The report's status, for whoever holds its private link; never cached, never indexed."""

    template_name = "reports/report_status.html"
    context_object_name = "report"
    slug_field = "token"
    slug_url_kwarg = "token"

    def get_queryset(self):
        return ProblemReport.objects.select_related("content_type")

    def get_context_data(self, **kwargs):
        listing = self.object.listing
        visible = listing is not None and getattr(listing, "is_published", False)
        return super().get_context_data(
            listing=listing if visible else None,
            listing_name=listing_name(listing) if visible else "",
            page_title=gettext("Your report"),
            just_sent="sent" in self.request.GET,
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"  # the address is the secret: links out must not carry it
        return response
