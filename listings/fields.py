"""Model fields shared by the apps."""

from django import forms
from django.contrib.postgres.fields import ArrayField


class ChoiceArrayField(ArrayField):
    """A PostgreSQL array of choice values, edited as a row of check boxes.

    The check boxes are the form's business: to the database and the migrations this is a plain ArrayField,
    so migrations reference Django's class and never import this module (it may change or move).
    """

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.contrib.postgres.fields.ArrayField", args, kwargs

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
