"""What the admin calls one sign-in record, in the staff member's language.

django-axes names its records with English f-strings ("Access Log for li @ 2026-12-06 …"), which the admin
shows in breadcrumbs, deletion pages and the recent-actions list whatever the staff member reads. The records
are the library's; only their names are given here, once, when the app is ready.
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


def name_the_records():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    AccessAttempt.__str__ = attempt_name
    AccessLog.__str__ = access_log_name
    AccessFailureLog.__str__ = failure_name
