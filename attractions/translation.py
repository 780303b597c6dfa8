from modeltranslation.translator import TranslationOptions, register

from .models import Attraction, AttractionFact, AttractionPhoto


@register(Attraction)
class AttractionTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "description", "address", "opening_hours", "position_note")
    required_languages = {"zh-hans": ("name",)}


@register(AttractionPhoto)
class AttractionPhotoTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption", "credit")
    required_languages = {"zh-hans": ("alt_text",)}


@register(AttractionFact)
class AttractionFactTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = {"zh-hans": ("text",)}
