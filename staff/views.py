"""A staff member's own settings, inside the admin (linked from the header's user tools)."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from .languages import remember_language
from .models import StaffPreferences


class StaffPreferencesForm(forms.ModelForm):
    class Meta:
        model = StaffPreferences
        fields = ["admin_language"]
        widgets = {"admin_language": forms.RadioSelect}


def my_settings(request):
    """GET: the form; POST: save it and show the page again, already in the language chosen."""
    preferences, _created = StaffPreferences.objects.get_or_create(user=request.user)
    form = StaffPreferencesForm(request.POST or None, instance=preferences)
    if request.method == "POST" and form.is_valid():
        preferences = form.save()
        remember_language(request.session, preferences.admin_language)
        translation.activate(preferences.admin_language)
        messages.success(request, _("Your settings are saved."))
        return redirect("staff_my_settings")
    context = {
        **admin.site.each_context(request),
        "title": _("My settings"),
        "form": form,
    }
    return TemplateResponse(request, "staff/my_settings.html", context)
