from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "staff"
    default = True  # the app's own: this module also holds SignInLocksConfig
    verbose_name = _("Staff and roles")

    def ready(self):
        from . import languages, roles, sessions

        # The groups follow the code: every migrate (and every test database) brings them up to date.
        post_migrate.connect(roles.setup_roles_after_migrate, dispatch_uid="staff-setup-roles")
        # Each page tells its session keeper when the sign-in ends without asking the session table.
        user_logged_in.connect(sessions.remember_expiry_at_sign_in, dispatch_uid="staff-session-expiry")
        # The admin speaks the language the staff member chose, read once at sign-in.
        user_logged_in.connect(languages.remember_language_at_sign_in, dispatch_uid="staff-admin-language")


class SignInLocksConfig(AxesAppConfig):
    """django-axes under a name editors read in the admin's index (the library has none: it showed "AXES")."""

    default = False
    verbose_name = _("Sign-in locks")

    def ready(self):
        super().ready()
        from .display_names import name_the_records

        name_the_records()
