"""Form fields shared by the admin of every listing."""

from django import forms

from . import images


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
