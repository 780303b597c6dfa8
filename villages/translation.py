from modeltranslation.translator import TranslationOptions, register

from .models import Festival, Village, VillageFact, VillagePhoto


@register(Village)
class VillageTranslationOptions(TranslationOptions):
    fields = ("name", "town", "culture_note", "summary", "description", "specialties", "position_note")
    required_languages = {"zh-hans": ("name",)}


@register(Festival)
class FestivalTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"zh-hans": ("name",)}


@register(VillagePhoto)
class VillagePhotoTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption", "credit")
    required_languages = {"zh-hans": ("alt_text",)}


@register(VillageFact)
class VillageFactTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = {"zh-hans": ("text",)}
