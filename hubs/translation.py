from modeltranslation.translator import TranslationOptions, register

from .models import TransportHub


@register(TransportHub)
class TransportHubTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "summary",
        "serves",
        "prefecture",
        "position_note",
        "lines",
        "opening_note",
        "status_note",
        "conflicts_note",
        "confidence_reason",
    )
    required_languages = {"zh-hans": ("name",)}
