from modeltranslation.translator import TranslationOptions, register

from .models import BorderNote, CrossingRule, PortFact, PortOfEntry


@register(PortOfEntry)
class PortOfEntryTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "summary",
        "description",
        "position_note",
        "across_town",
        "status_note",
        "destinations",
        "who_may_cross",
        "documents",
        "viewing",
    )
    required_languages = {"zh-hans": ("name",)}


@register(BorderNote)
class BorderNoteTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = {"zh-hans": ("text",)}


@register(CrossingRule)
class CrossingRuleTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(PortFact)
class PortFactTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = {"zh-hans": ("text",)}
