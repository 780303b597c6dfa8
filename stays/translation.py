from modeltranslation.translator import TranslationOptions, register

from .models import Stay, StayPhoto


@register(Stay)
class StayTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "description", "price_note", "position_note")
    required_languages = {"zh-hans": ("name",)}


@register(StayPhoto)
class StayPhotoTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption", "credit")
    required_languages = {"zh-hans": ("alt_text",)}
