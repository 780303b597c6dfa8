"""A listing's address (its slug) can change: the old one keeps answering, with a redirect."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from listings.models import SlugRedirect


class SlugChangeAdmin:
    """A slug can be changed, with a warning: the old address is kept and answers 301 to the new one."""

    slug_help_text = _(
        "Latin letters (pinyin or English) used in the address. It can be changed after publication: the old "
        "address will redirect to the new one, in every language, but links shared before keep a detour."
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug" and formfield is not None:
            formfield.help_text = self.slug_help_text
        return formfield

    def save_model(self, request, obj, form, change):
        before = None
        if change and "slug" in form.changed_data:
            before = type(obj)._default_manager.filter(pk=obj.pk).values("slug", "first_published_at").first()
        super().save_model(request, obj, form, change)
        # Only an address visitors could have seen needs to keep working.
        if before and before["slug"] != obj.slug and before["first_published_at"]:
            SlugRedirect.objects.remember(obj, before["slug"])
            new_path = obj.get_absolute_url()
            self.message_user(
                request,
                _("The address changed from %(old)s to %(new)s. The old address will redirect to the new one.")
                % {"old": new_path.replace(f"/{obj.slug}/", f"/{before['slug']}/", 1), "new": new_path},
                messages.WARNING,
            )
