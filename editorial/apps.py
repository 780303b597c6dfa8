from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """The editorial base every kind's admin is built on: the listing admin's named parts (county scoping,
    review and publishing, history and revert, slugs, columns), the admin of counties and sources, history,
    staff previews of drafts and the spreadsheet import."""

    name = "editorial"

    def ready(self):
        from . import history

        # Every model's fields are built by now, modeltranslation's per-language columns included (it is installed
        # before): the history keeps every language. The listing admin reads it (last change, reverts).
        history.register_models()

        from .admin.review import register_waiting_sections

        register_waiting_sections()
