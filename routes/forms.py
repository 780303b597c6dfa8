"""Admin forms of Border Tours: a stop's place picked in one search across attractions and villages,
and days reordered by dragging."""

import json

from adminsortable2.admin import CustomInlineFormSet
from django import forms
from django.conf import settings
from django.contrib.admin.widgets import get_select2_language
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from listings import kinds


def place_value(place):
    """The choice value of a place: "attraction:12" or "village:5"."""
    return f"{place._meta.model_name}:{place.pk}" if place is not None else ""


def place_label(place):
    label = f"{kinds.kind_of(place).label} · {place.name} · {place.region}"
    if not place.is_published:
        label += " · " + gettext("not published")
    return label


def place_from_value(value):
    """The attraction or village a choice value names, or None."""
    kind, _sep, pk = (value or "").partition(":")
    model = next((model for model in kinds.place_models() if model._meta.model_name == kind), None)
    if model is None or not pk.isdigit():
        return None
    return model.objects.select_related("region").filter(pk=int(pk)).first()


class PlaceAutocompleteWidget(forms.Select):
    """Django's admin autocomplete (select2) fed by the search across attractions and villages."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.i18n_name = get_select2_language()

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs.update(
            {
                "class": "admin-autocomplete",
                "data-ajax--cache": "true",
                "data-ajax--delay": 250,
                "data-ajax--type": "GET",
                "data-ajax--url": reverse("admin:routes_routeday_place_autocomplete"),
                # Sent along by autocomplete.js; the search endpoint does not need them.
                "data-app-label": "routes",
                "data-model-name": "routestop",
                "data-field-name": "place",
                "data-theme": "admin-autocomplete",
                "data-allow-clear": json.dumps(False),
                "data-placeholder": gettext("Type a name, in any language or in pinyin"),
                "lang": self.i18n_name,
            }
        )
        return attrs

    @property
    def media(self):
        extra = "" if settings.DEBUG else ".min"
        i18n = (f"admin/js/vendor/select2/i18n/{self.i18n_name}.js",) if self.i18n_name else ()
        return forms.Media(
            js=(
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                *i18n,
                "admin/js/jquery.init.js",
                "admin/js/autocomplete.js",
            ),
            css={"screen": (f"admin/css/vendor/select2/select2{extra}.css", "admin/css/autocomplete.css")},
        )


class RouteStopForm(forms.ModelForm):
    """A stop whose place is one attraction or one village, chosen in a single search."""

    place = forms.CharField(
        label=_("place"),
        widget=PlaceAutocompleteWidget,
        help_text=_("An attraction or a village. Type part of its name, in any language or in pinyin."),
        error_messages={"required": _("Choose the attraction or village of this stop.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        place = self.instance.place if self.instance.pk else None
        if place is not None:
            self.initial["place"] = place_value(place)
        value = self.data.get(self.add_prefix("place")) if self.is_bound else self.initial.get("place")
        chosen = place_from_value(value) if value else None
        # Only the chosen place is an option of the <select>; select2 fetches the others as the editor types.
        self.fields["place"].widget.choices = [("", "")] + (
            [(place_value(chosen), place_label(chosen))] if chosen else []
        )

    def clean_place(self):
        place = place_from_value(self.cleaned_data["place"])
        if place is None:
            raise ValidationError(_("This place was not found: choose an attraction or a village from the list."))
        return place

    def clean(self):
        cleaned = super().clean()
        place = cleaned.get("place")
        if place is not None:
            # Set here, before the model's validation, which checks that a stop is exactly one place.
            self.instance.put_at(place)
        return cleaned


class RouteDayFormSet(CustomInlineFormSet):
    """Days reordered by dragging (their number follows the order) and never two days with one number."""

    def clean(self):
        super().clean()
        numbers = []
        for form in self.forms:
            if not getattr(form, "cleaned_data", None) or (self.can_delete and self._should_delete_form(form)):
                continue
            numbers.append(form.cleaned_data.get("number"))
        in_forms = {form.instance.pk for form in self.forms if form.instance.pk}
        if self.instance.pk:
            numbers += list(self.instance.days.exclude(pk__in=in_forms).values_list("number", flat=True))
        given = [n for n in numbers if n]
        if len(given) != len(set(given)):
            raise ValidationError(_("Two days have the same number. Drag the days into order, or number them 1, 2, 3…"))

    def save(self, commit=True):
        if commit:
            # Numbers may be swapped between days: the (route, number) rule is checked when the admin's
            # transaction commits, by which time every day has its new number.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS route_day_number_unique DEFERRED")
        return super().save(commit)


class RouteDayForm(forms.ModelForm):
    def _get_validation_exclusions(self):
        # The unique (route, number) rule is checked by RouteDayFormSet across all the days at once:
        # checked day by day, swapping two days' numbers would look like a clash.
        exclusions = super()._get_validation_exclusions()
        exclusions.add("number")
        return exclusions
