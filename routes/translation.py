from modeltranslation.translator import TranslationOptions, register

from .models import Route, RouteDay, RoutePhoto, RouteStop


@register(Route)
class RouteTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description")
    required_languages = {"zh-hans": ("title",)}


@register(RouteDay)
class RouteDayTranslationOptions(TranslationOptions):
    fields = ("title", "description", "overnight")
    required_languages = {"zh-hans": ("title",)}


@register(RouteStop)
class RouteStopTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(RoutePhoto)
class RoutePhotoTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption", "credit")
    required_languages = {"zh-hans": ("alt_text",)}
