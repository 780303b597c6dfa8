"""How old a dated fact is: a fact last verified more than twelve months ago is flagged as possibly out of date
(a port's crossing status, a hub's lines and status), to visitors and in the admin."""

import datetime

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
