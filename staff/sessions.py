"""The staff session seen from an open page: how long it has left, and a way to renew it before it ends.

The session lasts SESSION_COOKIE_AGE from its last save (sign-in) and is not prolonged by activity; an editor
warned by static/js/admin-session.js that it is about to end may renew it (POST here), which saves it again.
"""

import time

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

# When the session ends (a Unix time), noted in it at sign-in and at each renewal: the session's expiry is
# saved then and not prolonged by activity, so pages know it without asking the session table.
EXPIRES_AT = "staff_session_expires_at"


def remember_expiry(session):
    session[EXPIRES_AT] = time.time() + session.get_expiry_age()


def remember_expiry_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_expiry(request.session)


def page_seconds_left(request):
    """For a page: the time left as noted in the session, or from the session table for a session signed in
    before it was noted. An estimate (a session saved again since lasts longer): the page's script asks
    admin_session() before it warns."""
    expires_at = request.session.get(EXPIRES_AT)
    if isinstance(expires_at, (int, float)):
        return max(0, int(expires_at - time.time()))
    return session_seconds_left(request)


def session_seconds_left(request):
    """Seconds until this request's session expires: from its own expiry if it has one, else from the session
    table (the database backends), else a whole SESSION_COOKIE_AGE."""
    session = request.session
    if session.get("_session_expiry") is not None:
        return max(0, session.get_expiry_age())
    store = type(session)
    if session.session_key and hasattr(store, "get_model_class"):
        expires = (
            store.get_model_class()
            .objects.filter(session_key=session.session_key)
            .values_list("expire_date", flat=True)
            .first()
        )
        if expires is not None:
            return max(0, int((expires - timezone.now()).total_seconds()))
    return settings.SESSION_COOKIE_AGE


@never_cache
@require_http_methods(["GET", "POST"])
def admin_session(request):
    """GET: {"seconds_left": n}; POST: renew the session first. 401 once it has ended (no redirect to the login
    page: the page's script says so itself), 403 for a signed-in account that is not staff."""
    user = request.user
    if not user.is_authenticated:
        return JsonResponse({"seconds_left": 0}, status=401)
    if not (user.is_active and user.is_staff):
        return JsonResponse({"seconds_left": 0}, status=403)
    if request.method == "POST":
        remember_expiry(request.session)  # saved again by SessionMiddleware: a new expiry, a new cookie
        return JsonResponse({"seconds_left": request.session.get_expiry_age()})
    return JsonResponse({"seconds_left": session_seconds_left(request)})
