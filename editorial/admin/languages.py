"""The language tabs of the translated texts, made for editors who write Chinese first.

modeltranslation's tabs (tabbed_translation_fields.js) are kept; static/js/admin-languages.js, loaded after
them, opens Chinese on every page and in every new inline row, names the tabs, marks what each language still
needs and lays the four languages side by side on request. The script's words come with it, as data attributes
of its <script> tag (no inline script under the CSP).
"""

import json

from django import forms
from django.conf import settings
from django.utils.translation import gettext

# Each language is named in itself, whatever the admin's language: an editor looks for the language they write.
LANGUAGE_AUTONYMS = {"zh-hans": "中文", "en": "English", "ko": "한국어", "ru": "Русский"}


def language_tabs_settings():
    """What admin-languages.js shows, in the admin's language."""
    return {
        "names": {code: LANGUAGE_AUTONYMS.get(code, code) for code in settings.MODELTRANSLATION_LANGUAGES},
        "filled": gettext("filled in"),
        "required_empty": gettext("required, still empty"),
        "optional_empty": gettext("optional, empty"),
        "side_by_side": gettext("Show the four languages side by side"),
    }


def mark_translated_fields(form_class):
    """Marks the translated fields a form requires (data-language-required), so the tabs can say which language
    is still needed (modeltranslation's own mark guesses "the default language" in inline tables), and names
    the language in their labels as the tabs do: "名称 [中文]", not "[zh-hans]", which is what is seen without
    JavaScript (the tabs' script strips the brackets)."""
    for name, field in form_class.base_fields.items():
        if "mt-field-" not in field.widget.attrs.get("class", ""):
            continue
        if field.required:
            field.widget.attrs["data-language-required"] = "true"
        language = next((code for code in LANGUAGE_AUTONYMS if name.endswith("_" + code.replace("-", "_"))), None)
        if language and field.label:
            field.label = str(field.label).replace(f"[{language}]", f"[{LANGUAGE_AUTONYMS[language]}]")
    return form_class


class LanguageTabsAdmin:
    """A translated admin form whose tabs open in Chinese and say which languages are done (with
    TabbedTranslationAdmin), in its own fields and in its inlines'."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        return mark_translated_fields(super().get_form(request, obj, change=change, **kwargs))

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            mark_translated_fields(formset.form)
            yield formset, inline

    @property
    def media(self):
        script = forms.Script(
            "js/admin-languages.js", **{"data-language-tabs": json.dumps(language_tabs_settings(), ensure_ascii=False)}
        )
        # Named after modeltranslation's script so that the merged media keep it after the tabs are built.
        after = ["admin/js/jquery.init.js", "modeltranslation/js/tabbed_translation_fields.js"]
        return super().media + forms.Media(js=[*after, script], css={"all": ["css/admin.css"]})
