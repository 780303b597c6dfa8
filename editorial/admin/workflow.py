"""The publishing workflow in the admin: draft → in review → published, and back to draft."""

from django.contrib import admin, messages
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from listings.models import Status
from listings.roles import can_publish


class PublishingWorkflowAdmin:
    """Only those who may publish can set or unset "published": for others it is not offered in the form, not
    accepted from a forged or reverted one, and not among the actions. A listing taken off the site moves its
    photos to new addresses."""

    actions = ["publish", "send_to_review", "unpublish"]

    def has_publish_permission(self, request):
        return can_publish(request.user, self.model)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        status = form.base_fields.get("status")
        if status is not None and not self.has_publish_permission(request):
            status.choices = [(value, label) for value, label in status.choices if value != Status.PUBLISHED]
            status.help_text = _("A publisher or a province editor publishes the listing once it is in review.")
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            fields.append("status")  # only a publisher takes it off the site
        return fields

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            stored = type(obj)._default_manager.filter(pk=obj.pk).values_list("status", flat=True).first()
            stored = stored or Status.DRAFT
            if (obj.status == Status.PUBLISHED) != (stored == Status.PUBLISHED):
                obj.status = stored
                self.message_user(
                    request,
                    gettext("Only publishers and province editors publish or unpublish: the status stays “%(status)s”.")
                    % {"status": Status(stored).label},
                    messages.WARNING,
                )
        was_published = change and type(obj)._default_manager.filter(pk=obj.pk, status=Status.PUBLISHED).exists()
        super().save_model(request, obj, form, change)
        obj.unpublished_now = was_published and not obj.is_published

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the photo inlines: a photo form saved later would write the old file name back.
        if getattr(form.instance, "unpublished_now", False):
            self.photos_unpublished(form.instance)

    def photos_unpublished(self, listing):
        """A listing taken off the site: its photos leave the addresses pages, feeds and visitors have seen."""
        photos = getattr(listing, "photos", None)
        for photo in photos.all() if photos is not None else []:
            photo.move_to_new_address()

    @admin.action(description=_("Publish the selected listings"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Send the selected listings to review"), permissions=["change"])
    def send_to_review(self, request, queryset):
        if not self.has_publish_permission(request):
            # Taking a published listing off the site is a publisher's decision, here as in the form.
            queryset = queryset.exclude(status=Status.PUBLISHED)
        self._set_status(request, queryset, Status.IN_REVIEW)

    @admin.action(description=_("Unpublish the selected listings (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)

    def _set_status(self, request, queryset, status):
        changed = refused = 0
        for listing in queryset.exclude(status=status):
            problems = listing.publication_problems() if status == Status.PUBLISHED else []
            if problems:
                refused += 1
                self.message_user(
                    request,
                    _("“%(listing)s” was not published: %(problems)s")
                    % {"listing": listing, "problems": " ".join(str(p) for p in problems)},
                    messages.ERROR,
                )
                continue
            was_published = listing.is_published
            listing.status = status
            listing.save()  # save() keeps the date of first publication
            if was_published:
                self.photos_unpublished(listing)
            changed += 1
        if refused and not changed:
            return
        self.message_user(
            request,
            ngettext("%(count)d listing changed.", "%(count)d listings changed.", changed) % {"count": changed},
            messages.SUCCESS,
        )
