from modeltranslation.translator import TranslationOptions, register

from .models import Event


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "description", "area", "organiser")
    required_languages = {"zh-hans": ("name",)}
