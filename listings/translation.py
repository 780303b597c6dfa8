"""Which texts of the shared models are written in each language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Region, Source


@register(Region)
class RegionTranslationOptions(TranslationOptions):
    fields = ("name", "prefecture", "summary")
    required_languages = {"zh-hans": ("name",)}


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    fields = ("title",)
