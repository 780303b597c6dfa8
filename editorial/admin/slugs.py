"""A listing's address (its slug): proposed from the Chinese name in pinyin, changeable until the listing is first
published, fixed after it so no link to it ever breaks."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from listings.i18n import DEFAULT_LANGUAGE
from listings.models import SLUG_HELP_TEXT
from listings.slugs import MAX_NAME_LENGTH, as_slug, free_slug, proposed_slug

# The one help text of the address field, on every kind of listing, editable or fixed.


class ProposedSlugField(forms.SlugField):
    """The address field: left blank, it is filled from the Chinese name; Chinese or words typed into it are
    written in pinyin (松岭雪村 -> songling-xuecun) instead of being refused."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.required = False

    def to_python(self, value):
        return as_slug(super().to_python(value), self.max_length or 100)


class ProposedSlugForm(forms.ModelForm):
    """A listing's form whose blank address is proposed from its Chinese name (`slug_source`), unique among the
    listings of its kind; `fixed_slug`, once the listing has been published, is kept whatever is posted."""

    slug_source = "name_zh_hans"
    fixed_slug = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.fixed_slug is not None and "slug" in self.fields:
            self.fields["slug"].disabled = True
            # Also when the form shows an old version (history): the address of the listing as it is now.
            self.initial["slug"] = self.fixed_slug

    def clean_slug(self):
        """A typed address another listing of this kind already has: refused with a free one to use instead."""
        slug = self.cleaned_data.get("slug")
        if not slug or self.fixed_slug is not None:
            return slug
        model = self._meta.model
        other = model._default_manager.filter(slug=slug).exclude(pk=self.instance.pk).first()
        if other is not None:
            raise forms.ValidationError(
                _("“%(slug)s” is already the address of “%(other)s”; use another, e.g. %(free)s."),
                params={"slug": slug, "other": other, "free": free_slug(model, slug, self.instance.pk)},
                code="unique",
            )
        return slug

    def clean(self):
        cleaned_data = super().clean()
        if self.fixed_slug is None and "slug" in self.fields and not cleaned_data.get("slug"):
            self._propose_slug(cleaned_data)
        return cleaned_data

    def _propose_slug(self, cleaned_data):
        if self.has_error("slug") or self.has_error(self.slug_source):
            return
        name = cleaned_data.get(self.slug_source)
        if not name:
            return  # the Chinese name is required: its own error says so
        slug = proposed_slug(self._meta.model, name, exclude_pk=self.instance.pk)
        if slug:
            cleaned_data["slug"] = slug
        else:
            self.add_error(
                "slug",
                _(
                    "No address can be made from this name: type one in Latin letters, digits and hyphens "
                    "(e.g. songling-xuecun)."
                ),
            )


class SlugChangeAdmin:
    """The address field of a listing's form: proposed from the Chinese name (live, through `slug-suggestion/`,
    and on saving when left blank), fixed once the listing has been published.

    A published listing's address is shown but not accepted from the form (nor from a forged or reverted one):
    visitors, search engines and shared links know it. Addresses changed before this rule keep redirecting
    (listings.models.SlugRedirect)."""

    @property
    def media(self):
        return super().media + forms.Media(js=["js/admin-slug.js"])

    def _has_slug(self):
        return any(field.name == "slug" for field in self.model._meta.fields)

    def slug_source_field(self):
        """The form field of the Chinese name the address is made from (name_zh_hans, title_zh_hans)."""
        return build_localized_fieldname(getattr(self.model, "pinyin_source", "name"), DEFAULT_LANGUAGE)

    def published_slug(self, obj):
        """The address of `obj` if it has ever been published (read from the database, not from the form's
        object, which may be an old version), else None."""
        if obj is None or obj.pk is None:
            return None
        published = self.model._default_manager.filter(pk=obj.pk, first_published_at__isnull=False)
        return published.values_list("slug", flat=True).first()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "slug" and self._has_slug():
            kwargs["form_class"] = ProposedSlugField
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug" and formfield is not None:
            formfield.help_text = SLUG_HELP_TEXT
        return formfield

    def get_form(self, request, obj=None, change=False, **kwargs):
        if not self._has_slug():
            return super().get_form(request, obj, change=change, **kwargs)
        fixed_slug = self.published_slug(obj)
        base = kwargs.get("form", self.form)
        kwargs["form"] = type(
            base.__name__,
            (ProposedSlugForm, base),
            {"fixed_slug": fixed_slug, "slug_source": self.slug_source_field()},
        )
        form = super().get_form(request, obj, change=change, **kwargs)
        slug_field = form.base_fields.get("slug")
        if slug_field is not None and fixed_slug is None:
            slug_field.widget.attrs.update(self.slug_suggestion_attrs(obj))
        return form

    def slug_suggestion_attrs(self, obj):
        """What static/js/admin-slug.js needs to fill the address in as the Chinese name is typed."""
        opts = self.model._meta
        attrs = {
            "data-slug-source": f"id_{self.slug_source_field()}",
            "data-slug-suggestion-url": reverse(f"admin:{opts.app_label}_{opts.model_name}_slug_suggestion"),
        }
        if obj is not None and obj.pk is not None:
            attrs["data-slug-exclude"] = obj.pk
        return attrs

    def get_urls(self):
        urls = super().get_urls()
        if not self._has_slug():
            return urls
        opts = self.model._meta
        suggestion = path(
            "slug-suggestion/",
            self.admin_site.admin_view(self.slug_suggestion_view),
            name=f"{opts.app_label}_{opts.model_name}_slug_suggestion",
        )
        # Before the admin's catch-all "<object_id>/" pattern, which would read it as an object's id.
        return [suggestion, *urls]

    def slug_suggestion_view(self, request):
        """{"slug": the free address for ?name= (the Chinese name)}, for staff who may add or change listings of
        this kind; ?exclude= is the listing being edited, whose own address does not count as taken."""
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        name = "".join(ch for ch in request.GET.get("name", "")[:MAX_NAME_LENGTH] if ch.isprintable())
        exclude = request.GET.get("exclude", "")
        exclude_pk = int(exclude) if exclude.isdigit() and len(exclude) < 19 else None
        return JsonResponse({"slug": proposed_slug(self.model, name, exclude_pk)})

    def save_model(self, request, obj, form, change):
        fixed_slug = getattr(form, "fixed_slug", None)
        posted_slug = form.data.get(form.add_prefix("slug")) if fixed_slug is not None else None
        super().save_model(request, obj, form, change)
        if posted_slug and posted_slug != fixed_slug:
            # A form opened before another editor published the listing, or a forged one: say what was kept.
            self.message_user(
                request,
                gettext("The address is fixed since the first publication: it stays “%(slug)s”.")
                % {"slug": fixed_slug},
                messages.WARNING,
            )
