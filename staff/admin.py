"""Users with the counties a county editor looks after."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import CountyAssignment

User = get_user_model()


class CountyAssignmentInline(admin.TabularInline):
    model = CountyAssignment
    extra = 0
    autocomplete_fields = ("region",)


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Django's user admin, plus the counties of a county editor."""

    inlines = [*UserAdmin.inlines, CountyAssignmentInline]
    list_display = ("username", "first_name", "last_name", "is_staff", "is_superuser", "roles")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, user):
        return ", ".join(group.name for group in user.groups.all())
