"""Admin forms of Border Tours: a stop's place picked in one search across attractions and villages,
days reordered by dragging, and the tour editor: every day's stops edited on the tour's own page."""

import json

from adminsortable2.admin import CustomInlineFormSet
from django import forms
from django.conf import settings
from django.contrib.admin.widgets import get_select2_language
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms.models import BaseModelFormSet
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from editorial.admin.languages import LANGUAGE_AUTONYMS
from listings import kinds
from listings.i18n import localized_columns
from listings.models import Status

from .models import RouteStop, StraightLineDay


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
        self.chosen_place = chosen
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

    postpone_deletions = False

    def delete_existing(self, obj, commit=True):
        # The tour editor (RouteAdmin) removes days last, once the stops moved out of them are in their new day.
        if commit and self.postpone_deletions:
            self.postponed_deletions.append(obj)
            return
        super().delete_existing(obj, commit)

    def save(self, commit=True):
        self.postponed_deletions = []
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


NOTE_COLUMNS = localized_columns("note")
# Read by the tour editor's script; the stop's other fields are plain form fields.
DAY_FIELD, ORDER_FIELD = "day", "position"


class TourStopForm(RouteStopForm):
    """A stop as the tour editor shows it inside its day: its day and its order are plain fields (a select and a
    number), so that without JavaScript a stop still moves to another day or place in the day; dragging only
    fills them in."""

    day = forms.ChoiceField(label=_("day"), error_messages={"invalid_choice": _("Choose one of this tour's days.")})

    class Meta:
        model = RouteStop
        fields = (ORDER_FIELD, *NOTE_COLUMNS, "suggested_minutes", "road_km_from_previous")
        widgets = {ORDER_FIELD: forms.NumberInput(attrs={"min": 1, "max": 999, "class": "tour-stop-order"})}

    def __init__(self, *args, day_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = day_choices
        self.fields["day"].widget.attrs["class"] = "tour-stop-day"
        if self.instance.pk is None:
            # A blank row has no place in the day yet (the model's default 0 would put it first).
            self.initial[ORDER_FIELD] = None
        order = self.fields[ORDER_FIELD]
        order.required = False
        order.help_text = _("1 is the day's first stop.")
        for column in NOTE_COLUMNS:
            code = next(code for code in LANGUAGE_AUTONYMS if column.endswith("_" + code.replace("-", "_")))
            self.fields[column].label = f"{gettext('note')} [{LANGUAGE_AUTONYMS[code]}]"
            self.fields[column].widget.attrs["lang"] = "zh-Hans" if code == "zh-hans" else code
        self.renumbered = False

    def has_changed(self):
        # A new row only means a stop once something of its own is filled in: its day and order are given to every
        # blank row (one under each day), and are not a stop by themselves.
        if self.instance.pk is None:
            return any(name not in (DAY_FIELD, ORDER_FIELD) for name in self.changed_data)
        return self.renumbered or super().has_changed()

    @property
    def typed_order(self):
        """The order given in the form (what the editor typed, or what was saved), None when it is not a number."""
        value = self[ORDER_FIELD].value()
        try:
            return int(value)
        except (TypeError, ValueError):
            return None


class TourStopFormSet(BaseModelFormSet):
    """Every stop of a tour, whatever its day: a stop's `day` names a day of the days' formset by its place in
    that formset (so a day added on the same page can already be given stops), never by a database id, which
    could name another tour's day.

    The days' formset is saved first; each stop then goes to its day, in the order given, numbered 1, 2, 3 when
    the given numbers are missing or clash."""

    def __init__(self, *args, days_formset, route_status=None, **kwargs):
        self.days_formset = days_formset
        self.route_status = route_status
        self.day_of_stop = {}
        self.stored_positions = {}
        for index, day_form in enumerate(days_formset.forms):
            if day_form.instance.pk:
                self.day_of_stop[day_form.instance.pk] = str(index)
        super().__init__(*args, **kwargs)

    def day_choices(self):
        choices = []
        for index, day_form in enumerate(self.days_formset.forms):
            day = day_form.instance
            title = day.title if day.pk else ""
            label = gettext("Day %(number)s") % {"number": index + 1}
            choices.append((str(index), f"{label}: {title}" if title else label))
        return choices

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "day_choices": self.day_choices()}

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if form.instance.pk and form.instance.day_id in self.day_of_stop:
            form.initial.setdefault(DAY_FIELD, self.day_of_stop[form.instance.day_id])
            # Shown as 1, 2, 3 in its day, whatever was stored (older stops counted from 0): "1 is the day's
            # first stop" holds for what the editor reads and types.
            form.initial[ORDER_FIELD] = self.ranks.get(form.instance.pk, form.instance.position)
        return form

    @cached_property
    def ranks(self):
        """Each saved stop's place in its day, from 1, in the saved order."""
        ranks, counts = {}, {}
        for stop in self.get_queryset():
            counts[stop.day_id] = counts.get(stop.day_id, 0) + 1
            ranks[stop.pk] = counts[stop.day_id]
            self.stored_positions[stop.pk] = stop.position
        return ranks

    @property
    def empty_form(self):
        form = super().empty_form
        form.fields[DAY_FIELD].choices = self.day_choices()
        return form

    def stop_forms_by_day(self):
        """The stop forms under each day (by the day's place in the days' formset), in their order: as typed when
        the page comes back with errors, as saved otherwise."""
        by_day = {}
        for index, form in enumerate(self.forms):
            day = str(form[DAY_FIELD].value() or "")
            order = form.typed_order
            by_day.setdefault(day, []).append((order is None, order or 0, index, form))
        return {day: [form for *_key, form in sorted(rows, key=lambda row: row[:3])] for day, rows in by_day.items()}

    def deleted_day_indexes(self):
        days = self.days_formset
        return {
            str(index)
            for index, form in enumerate(days.forms)
            if days.can_delete and form.instance.pk and days._should_delete_form(form)
        }

    def clean(self):
        super().clean()
        if any(form.instance.pk is None for form in self.initial_forms):
            # A saved stop's id that is not one of this tour's (Django would quietly drop the row).
            raise ValidationError(
                _("A stop on this page is not one of this tour's stops. Reload the page and make the change again.")
            )
        deleted_days = self.deleted_day_indexes()
        by_day = {}
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue
            if not hasattr(form, "cleaned_data") or (self.can_delete and self._should_delete_form(form)):
                continue
            day = form.cleaned_data.get(DAY_FIELD)
            if day is None:
                continue
            day_form = self.days_formset.forms[int(day)]
            moved = form.instance.pk is None or DAY_FIELD in form.changed_data
            if day in deleted_days and moved:
                form.add_error(DAY_FIELD, _("This day is being deleted: choose another day for the stop."))
                continue
            if day_form.instance.pk is None and not day_form.has_changed():
                form.add_error(DAY_FIELD, _("This new day is still empty: give it a title first."))
                continue
            place = form.cleaned_data.get("place")
            if self.route_status == Status.PUBLISHED and place is not None and not place.is_published:
                form.add_error(
                    "place",
                    _("This place is not published yet, and the tour is: publish the place first, or remove the stop."),
                )
            by_day.setdefault(day, []).append(form)
        for forms_of_day in by_day.values():
            self._number_in_order(forms_of_day)

    def _number_in_order(self, forms_of_day):
        """The day's stops in the order given (a stop without a number goes last), numbered 1, 2, 3… when the given
        numbers do not already say it (missing, repeated)."""

        def moved(form):
            # On a tie, the stop the editor moved or numbered goes first: "1" typed means "first".
            return form.instance.pk is None or bool({DAY_FIELD, ORDER_FIELD} & set(form.changed_data))

        ordered = sorted(
            enumerate(forms_of_day),
            key=lambda row: (
                row[1].cleaned_data.get(ORDER_FIELD) is None,
                row[1].cleaned_data.get(ORDER_FIELD) or 0,
                not moved(row[1]),
                row[0],
            ),
        )
        given = [form.cleaned_data.get(ORDER_FIELD) for _index, form in ordered]
        if None not in given and len(set(given)) == len(given):
            return
        for number, (_index, form) in enumerate(ordered, start=1):
            # Against what is stored: a stop shown as 1 may be stored as 0.
            if form.instance.position != number or self.stored_positions.get(form.instance.pk) != number:
                form.instance.position = number
                form.renumbered = True

    def _day_for(self, form):
        return self.days_formset.forms[int(form.cleaned_data[DAY_FIELD])].instance

    def save_new(self, form, commit=True):
        form.instance.day = self._day_for(form)
        return super().save_new(form, commit)

    def save_existing(self, form, obj, commit=True):
        if form.cleaned_data[DAY_FIELD] in self.deleted_day_indexes():
            return obj  # goes with its day
        obj.day = self._day_for(form)
        return super().save_existing(form, obj, commit)

    def straight_line_of(self, stop_forms):
        places = [form.chosen_place for form in stop_forms if form.chosen_place is not None]
        return StraightLineDay.through(places)
