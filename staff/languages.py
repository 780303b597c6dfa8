"""The admin speaks each staff member's own language (StaffPreferences.admin_language); the public site keeps the
language of its URL.

The choice is read once, at sign-in, and kept in the session, so an admin page costs no query for it; saving
one's own settings updates the session at once, a choice made for a colleague in the user admin applies from
their next sign-in. Runs after LocaleMiddleware (which set the URL's language) and AuthenticationMiddleware.
"""

from django.urls import reverse
from django.utils import translation

from .models import AdminLanguage, StaffPreferences

SESSION_KEY = "staff_admin_language"


def remember_language(session, language):
    session[SESSION_KEY] = language


def remember_language_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_language(request.session, StaffPreferences.language_of(user))


def is_admin_path(path):
    return path.startswith(reverse("admin:index"))


class AdminLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        # The path first: a public page never loads the user for this.
        if is_admin_path(request.path_info) and user is not None and user.is_authenticated and user.is_staff:
            language = request.session.get(SESSION_KEY)
            if language not in AdminLanguage.values:  # signed in before the choice was kept in the session
                language = StaffPreferences.language_of(user)
                remember_language(request.session, language)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
