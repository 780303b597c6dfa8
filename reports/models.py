"""Problems travellers report on a listing (closed, moved, wrong hours or price…), without an account.

A report keeps no personal data: no name, no address, no IP (the rate limit counts in the cache and forgets).
Whoever sent it follows it through a private link made of a random token. It belongs to the listing's county,
so the county's editors see it; a report on a Border Tour, which spans counties, to the province's staff.
"""

import secrets
import statistics

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corridor_portal import clock
from listings.models import Region

MESSAGE_MAX_LENGTH = 2000


class ProblemKind(models.TextChoices):
    CLOSED = "closed", _("It is closed")
    MOVED = "moved", _("It has moved, or the map is wrong")
    HOURS_OR_PRICE = "hours-price", _("Wrong opening hours or price")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    CONFIRMED = "confirmed", _("Confirmed")
    FIXED = "fixed", _("Fixed")


class ProblemReportQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=ReportStatus.FIXED)

    def counts_per_county(self):
        """{county id or None: {"new": n, "confirmed": n, "fixed": n}}."""
        rows = self.values("region_id").annotate(
            new=Count("pk", filter=Q(status=ReportStatus.NEW)),
            confirmed=Count("pk", filter=Q(status=ReportStatus.CONFIRMED)),
            fixed=Count("pk", filter=Q(status=ReportStatus.FIXED)),
        )
        return {row.pop("region_id"): row for row in rows}

    def median_days_to_fix(self):
        """The median of the days from report to fix, over the fixed reports; None when none is fixed."""
        spans = [
            (fixed - created).total_seconds() / 86400
            for created, fixed in self.filter(status=ReportStatus.FIXED, fixed_at__isnull=False).values_list(
                "created_at", "fixed_at"
            )
        ]
        return statistics.median(spans) if spans else None


class ProblemReport(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of listing"))
    object_id = models.PositiveBigIntegerField(_("listing id"))
    listing = GenericForeignKey("content_type", "object_id")
    region = models.ForeignKey(
        Region, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("county")
    )
    kind = models.CharField(_("problem"), max_length=12, choices=ProblemKind.choices)
    message = models.TextField(_("what the traveller wrote"), max_length=MESSAGE_MAX_LENGTH, blank=True)
    language = models.CharField(_("language of the page"), max_length=7, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.NEW, db_index=True
    )
    reply = models.TextField(
        _("answer to the traveller"),
        blank=True,
        help_text=_("Shown on the traveller's private status page. Write nothing personal."),
    )
    # The private link's secret: whoever has it sees the report's status, nobody can guess it.
    token = models.CharField(max_length=40, unique=True, editable=False)
    created_at = models.DateTimeField(_("reported"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    fixed_at = models.DateTimeField(_("fixed"), null=True, blank=True, editable=False)

    objects = ProblemReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="report_listing")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.listing}"

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(24)
        # The dates of the steps, for the dashboard's median time to fix; a report reopened loses its fix date.
        if self.status in (ReportStatus.CONFIRMED, ReportStatus.FIXED) and self.confirmed_at is None:
            self.confirmed_at = clock.now()
        if self.status == ReportStatus.FIXED and self.fixed_at is None:
            self.fixed_at = clock.now()
        if self.status != ReportStatus.FIXED:
            self.fixed_at = None
        super().save(*args, **kwargs)

    def get_status_url(self):
        return reverse("reports:status", args=[self.token])

    @classmethod
    def about(cls, listing, **fields):
        """A new report on `listing`, in the listing's county (none for a tour across counties)."""
        return cls(
            content_type=ContentType.objects.get_for_model(listing),
            object_id=listing.pk,
            region_id=getattr(listing, "region_id", None),
            **fields,
        )
