"""Form fields shared by the admin of every listing, and the photo row that keeps a chosen photo across a
failed save."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import images
from .models import PendingUpload

PENDING_PHOTO_GONE = _(
    "The photo chosen before could not be kept (it expired or belongs to another sign-in). Choose the file again."
)


class PhotoUploadField(forms.ImageField):
    """A photo upload judged by its content: JPEG, PNG or WebP, within the size and pixel limits.

    Replaces ImageField's check of the file name's extension (a phone may send "IMG_0042" or a
    JPEG called ".png") and its plain Pillow opening (no pixel limit) with images.open_photo().
    """

    default_validators = []

    def to_python(self, data):
        file = forms.FileField.to_python(self, data)
        if file is None:
            return None
        image = images.open_photo(file)
        file.image = image
        file.content_type = image.get_format_mimetype()
        return file


class PhotoForm(forms.ModelForm):
    """A photo row whose chosen file survives a save that fails elsewhere in the page.

    When the page is shown again with its errors, keep_chosen_photo() stores the valid file chosen in this row
    as a PendingUpload and puts its token in the hidden `pending_upload` field; the next attempt without a file
    uses the kept one. Only the session that chose it may: any other token is a form error on this row.
    """

    pending_upload = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64, strip=False)
    # Whose session the form serves: given by a photo inline's formset, or set on the class of a photo's own page.
    pending_owner = ""

    def __init__(self, *args, pending_owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        if pending_owner is not None:
            self.pending_owner = pending_owner
        self.pending = None
        self.pending_refused = False
        if self.is_bound:
            self._use_pending_upload()

    def _use_pending_upload(self):
        token = self.data.get(self.add_prefix("pending_upload"))
        image_name = self.add_prefix("image")
        if not token or self.files.get(image_name):
            return  # nothing kept, or a new file chosen instead of the kept one
        pending = PendingUpload.objects.usable(token, self.pending_owner)
        try:
            upload = pending.as_upload() if pending else None
        except OSError:  # its file is gone from the storage
            upload = None
        if upload is None:
            self.pending_refused = True
            self.fields["image"].error_messages["required"] = PENDING_PHOTO_GONE
            return
        self.pending = pending
        self.files = self.files.copy()
        self.files[image_name] = upload

    def clean(self):
        cleaned_data = super().clean()
        if self.pending_refused and "image" not in self._errors:
            self.add_error("image", forms.ValidationError(PENDING_PHOTO_GONE, code="pending_photo_gone"))
        return cleaned_data

    def save(self, commit=True):
        photo = super().save(commit)
        if self.pending is not None:
            # Stored again as the photo's own cleaned file: the kept copy goes once the save is committed.
            transaction.on_commit(self.pending.discard)
        return photo

    def keep_chosen_photo(self):
        """The page is shown again with errors: keep this row's valid chosen photo for the next attempt."""
        cleaned_data = getattr(self, "cleaned_data", {})
        if cleaned_data.get("DELETE"):
            return
        upload = cleaned_data.get("image")
        if self.pending is None and isinstance(upload, UploadedFile) and getattr(upload, "image", None):
            if not self.pending_owner:
                return
            try:
                self.pending = PendingUpload.keep(upload, self.pending_owner)
            except OSError:  # the storage refused it: the page still shows its errors, the file is chosen again
                return
        if self.pending is None:
            return
        self.data = self.data.copy()
        self.data[self.add_prefix("pending_upload")] = self.pending.token
        self.instance.pending_upload = self.pending


class PhotoFormSetMixin:
    """The formset of a photo inline: tells its rows whose session they serve (PendingUpload.owner)."""

    pending_owner = ""

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "pending_owner": self.pending_owner}

    def keep_chosen_photos(self):
        for form in self.forms:
            form.keep_chosen_photo()
