"""Model fields shared by the apps."""

from django import forms
from django.contrib.postgres.fields import ArrayField


class ChoiceArrayField(ArrayField):
    """A PostgreSQL array of choice values, edited as a row of check boxes."""

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.base_field.choices,
            "coerce": self.base_field.to_python,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        # ArrayField.formfield would force its own SimpleArrayField; skip it.
        return super(ArrayField, self).formfield(**defaults)
