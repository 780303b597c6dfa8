"""Page views counted per listing, language and day — and nothing else.

A row says "the English page of attraction 12 was viewed 40 times on 3 May". There is no column for a
cookie, an address, a browser or a time of day, so no visitor can be told apart or followed from page to
page. The counts are made where the pages are served (dashboard/counting.py), kept in memory and in Redis
between flushes, and added here with one INSERT … ON CONFLICT DO UPDATE per batch.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _


class PageViewQuerySet(models.QuerySet):
    def between(self, first_day, last_day):
        """Counts of the days from first_day to last_day, both included."""
        return self.filter(day__gte=first_day, day__lte=last_day)

    def of_listing(self, listing):
        return self.filter(content_type=ContentType.objects.get_for_model(listing), object_id=listing.pk)

    def of_listings(self, querysets):
        """Counts of the listings in these querysets (one per kind), e.g. a county editor's."""
        condition = Q(pk__in=[])
        for queryset in querysets:
            content_type = ContentType.objects.get_for_model(queryset.model)
            condition |= Q(content_type=content_type, object_id__in=queryset.values("pk"))
        return self.filter(condition)

    def total(self):
        return self.aggregate(total=Sum("count"))["total"] or 0

    def per_day(self):
        """{day: views}."""
        return dict(self.order_by().values_list("day").annotate(views=Sum("count")))

    def per_language(self):
        """{language code: views}."""
        return dict(self.order_by().values_list("language").annotate(views=Sum("count")))

    def most_viewed(self, limit=10):
        """[(content type id, object id, views)], most viewed first."""
        rows = (
            self.order_by()
            .values_list("content_type_id", "object_id")
            .annotate(views=Sum("count"))
            .order_by("-views", "content_type_id", "object_id")
        )
        return list(rows[:limit])

    def add(self, counts):
        """Add {(content type id, object id, language, day): views} in one statement (an upsert).

        Rows are sorted so that two flushes running at once lock them in the same order (no deadlock).
        """
        rows = sorted((key, views) for key, views in counts.items() if views > 0)
        if not rows:
            return 0
        table = connection.ops.quote_name(self.model._meta.db_table)
        values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
        params = [
            value
            for (content_type_id, object_id, language, day), views in rows
            for value in (content_type_id, object_id, language, day, views)
        ]
        # The counts are added to what is stored: F("count") + n in SQL, for every row at once.
        sql = (
            f"INSERT INTO {table} (content_type_id, object_id, language, day, count) VALUES {values} "  # noqa: S608
            f"ON CONFLICT (content_type_id, object_id, language, day) "
            f"DO UPDATE SET count = {table}.count + EXCLUDED.count"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
        return len(rows)


class PageView(models.Model):
    """How many times one listing's page was viewed in one language on one day (Beijing time)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of listing"))
    object_id = models.PositiveBigIntegerField(_("listing id"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("views"), default=0)

    objects = PageViewQuerySet.as_manager()

    class Meta:
        verbose_name = _("page views of a day")
        verbose_name_plural = _("page views")
        ordering = ["-day", "content_type", "object_id", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language", "day"], name="page_view_one_row_per_day"
            ),
        ]
        indexes = [models.Index(fields=["day"], name="page_view_day")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.language} {self.day}: {self.count}"
