"""The page a locked-out sign-in gets (django-axes calls locked_out() through AXES_LOCKOUT_CALLABLE)."""

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render

from corridor_portal import clock


def locked_out(request, original_response=None, credentials=None):
    """The admin's own page (its header, not Django's), saying for how long and until when, and who unlocks."""
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": round(cool_off.total_seconds() / 60),
        # Every further attempt, even with the right password, starts the lock again from that moment.
        "locked_until": clock.now() + cool_off,
    }
    return render(request, "staff/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
