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

        from django.db.models.signals import post_delete

        from .admin.review import register_waiting_sections
        from .review import forget_deleted_listing

        register_waiting_sections()
        # A deleted listing leaves no revision or decision behind (they point at it by content type and id).
        post_delete.connect(forget_deleted_listing, dispatch_uid="editorial.forget_deleted_listing")
