from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = _("Staff and roles")

    def ready(self):
        from . import roles, sessions

        # The groups follow the code: every migrate (and every test database) brings them up to date.
        post_migrate.connect(roles.setup_roles_after_migrate, dispatch_uid="staff-setup-roles")
        # Each page tells its session keeper when the sign-in ends without asking the session table.
        user_logged_in.connect(sessions.remember_expiry_at_sign_in, dispatch_uid="staff-session-expiry")
