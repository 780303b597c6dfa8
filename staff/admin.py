"""Users with the counties a county editor looks after, and unlocking a sign-in locked by django-axes."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from listings.models import CountyAssignment

from .models import StaffPreferences

User = get_user_model()


class CountyAssignmentInline(admin.TabularInline):
    model = CountyAssignment
    extra = 0
    autocomplete_fields = ("region",)


class StaffPreferencesInline(admin.StackedInline):
    """The staff member's own settings, which they also change themselves (My settings)."""

    model = StaffPreferences
    can_delete = False
    max_num = 1


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Django's user admin, plus the counties of a county editor."""

    inlines = [*UserAdmin.inlines, StaffPreferencesInline, CountyAssignmentInline]
    list_display = ("username", "first_name", "last_name", "is_staff", "is_superuser", "roles")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, user):
        return ", ".join(group.name for group in user.groups.all())


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class StaffAccessAttemptAdmin(AccessAttemptAdmin):
    """Failed sign-ins; province editors unlock a colleague locked out after too many (the lockout page
    names them)."""

    # Not axes's own "clean up expired attempts": it reads the time of a sign-in attempt from the request and
    # answers 500 outside one; expired attempts are cleaned by `manage.py axes_reset_logs` or simply expire.
    actions = ["unlock"]

    @admin.action(description=_("Unlock sign-in for the selected user names"), permissions=["delete"])
    def unlock(self, request, queryset):
        usernames = sorted(set(queryset.values_list("username", flat=True)))
        for username in usernames:
            reset(username=username)
        self.message_user(
            request,
            ngettext("Signing in is unlocked for %(names)s.", "Signing in is unlocked for %(names)s.", len(usernames))
            % {"names": ", ".join(usernames)},
            messages.SUCCESS,
        )
