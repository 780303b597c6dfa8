from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from editorial.admin import CountyScopedAdmin

from .models import ProblemReport, ReportStatus


@admin.register(ProblemReport)
class ProblemReportAdmin(CountyScopedAdmin, admin.ModelAdmin):
    """Travellers' reports, each county's to its editors; a report on a Border Tour to the province's staff."""

    list_display = ("created_at", "kind", "listing_links", "region", "status", "short_message")
    list_display_links = ("created_at", "kind")
    list_filter = ("status", "kind", "region", "content_type")
    search_fields = ("message", "reply")
    list_select_related = ("region", "content_type")
    date_hierarchy = "created_at"
    fields = (
        "listing_links",
        "region",
        "kind",
        "message",
        "language",
        "created_at",
        "status",
        "reply",
        "confirmed_at",
        "fixed_at",
    )
    readonly_fields = (
        "listing_links",
        "region",
        "kind",
        "message",
        "language",
        "created_at",
        "confirmed_at",
        "fixed_at",
    )
    actions = ["mark_confirmed", "mark_fixed"]

    def has_add_permission(self, request):
        return False  # reports come from travellers

    @admin.display(description=_("listing"))
    def listing_links(self, report):
        listing = report.listing
        if listing is None:
            return _("(deleted)")
        try:
            change = reverse(f"admin:{listing._meta.app_label}_{listing._meta.model_name}_change", args=[listing.pk])
        except NoReverseMatch:
            change = ""
        public = listing.get_absolute_url() if getattr(listing, "is_published", False) else ""
        return format_html(
            '{} <a href="{}">{}</a>{}',
            listing,
            change,
            _("edit"),
            format_html(' · <a href="{}" target="_blank" rel="noopener">{}</a>', public, _("view on site"))
            if public
            else "",
        )

    @admin.display(description=_("what the traveller wrote"))
    def short_message(self, report):
        return report.message[:80] + ("…" if len(report.message) > 80 else "")

    def _set_status(self, request, queryset, status):
        changed = 0
        for report in queryset.exclude(status=status):
            report.status = status
            report.save()
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d report changed.", "%(count)d reports changed.", changed) % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark the selected reports as confirmed"), permissions=["change"])
    def mark_confirmed(self, request, queryset):
        self._set_status(request, queryset, ReportStatus.CONFIRMED)

    @admin.action(description=_("Mark the selected reports as fixed"), permissions=["change"])
    def mark_fixed(self, request, queryset):
        self._set_status(request, queryset, ReportStatus.FIXED)
