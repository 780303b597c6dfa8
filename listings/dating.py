"""How old a dated fact is: the one rule for "older than twelve months, so it may be out of date".

A port's status, a practical fact (opening hours, a ticket price) and a rule for travellers all say when a
source last confirmed them; each is flagged on its page once that date is more than twelve months before today
(corridor_portal.clock), without anyone editing it. Dates are arguments here, never read from the clock.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

# A fact is flagged as possibly out of date once its last check is older than this.
STALE_AFTER_MONTHS = 12


def months_before(day, months):
    """The same day `months` earlier (the last day of that month when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def stale_cutoff(today):
    """A fact checked before this date is older than twelve months on `today`."""
    return months_before(today, STALE_AFTER_MONTHS)


def is_stale(verified_on, today):
    """Whether a fact last verified on `verified_on` is older than twelve months on `today` (an undated fact is
    not stale: it is unverified, which pages say in their own words)."""
    return verified_on is not None and verified_on < stale_cutoff(today)


def has_ended(valid_until, today):
    """Whether a fact that holds until `valid_until` (its last day) no longer holds on `today`."""
    return valid_until is not None and today > valid_until


class FactAge(models.TextChoices):
    """How a dated fact stands on a day: what its page says about its date."""

    CURRENT = "current", _("Checked within the last 12 months")
    STALE = "stale", _("Older than 12 months")
    UNVERIFIED = "unverified", _("No date")
    ENDED = "ended", _("Ended")


def fact_age(verified_on, valid_until, today):
    if has_ended(valid_until, today):
        return FactAge.ENDED
    if verified_on is None:
        return FactAge.UNVERIFIED
    return FactAge.STALE if is_stale(verified_on, today) else FactAge.CURRENT
