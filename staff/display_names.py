"""What the admin calls the records of other apps, in the staff member's language.

django-axes names its sign-in records with English f-strings ("Access Log for li @ 2026-12-06 …"), and a role's
group is named by the text stored in its row ("县级编辑 County editors"); the admin shows these names in
breadcrumbs, deletion pages, the recent-actions list and a user's groups whatever the staff member reads. The
records stay the apps' own; only their names are given here, once, when the apps are ready.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else ""


def attempt_name(attempt):
    return gettext("Failed sign-ins of %(user)s (last %(when)s)") % {
        "user": attempt.username or "?",
        "when": _when(attempt.attempt_time),
    }


def access_log_name(log):
    return gettext("Sign-in of %(user)s at %(when)s") % {"user": log.username or "?", "when": _when(log.attempt_time)}


def failure_name(failure):
    text = gettext("Failed sign-in of %(user)s at %(when)s from %(address)s") % {
        "user": failure.username or "?",
        "when": _when(failure.attempt_time),
        "address": failure.ip_address or "?",
    }
    return f"{text} · {gettext('locked out')}" if failure.locked_out else text


def group_name(group):
    """A role's group by its name in the staff member's language (the stored name is the catalogue's key);
    any other group by its stored name."""
    return gettext(group.name)


def name_the_records():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group

    AccessAttempt.__str__ = attempt_name
    AccessLog.__str__ = access_log_name
    AccessFailureLog.__str__ = failure_name
    Group.__str__ = group_name
