from modeltranslation.translator import TranslationOptions, register

from .models import TravelRule


@register(TravelRule)
class TravelRuleTranslationOptions(TranslationOptions):
    fields = ("text", "applies_to", "places")
    required_languages = {"zh-hans": ("text",)}
