"""The portal's one clock.

Every decision that depends on the date ("good this season", "open today", "this month's events") reads the
day here, and views pass it on as an argument, so a test sets the whole portal's day in one place
(time-machine's `time_machine` fixture, or `any_day` in conftest.py) and the suite passes on every date.
"""

from django.utils import timezone


def today():
    """Today's date in the corridor (settings.TIME_ZONE, Beijing time)."""
    return timezone.localdate()


def now():
    """The current moment, timezone-aware."""
    return timezone.now()
