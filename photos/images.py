"""What Pillow does to a photo: check an upload, clean it, and make the renditions the pages use.

Every stored photo goes through here: the original is re-encoded (which drops anything appended to
the image and all metadata, after applying the EXIF orientation) and renditions of a few widths are
made once, in WebP and JPEG, named from the original's name so no table has to remember them. The original
is named by a random token, never by the uploaded file's name: the photos of a draft are at no address
anyone could guess before it is published.
"""

import functools
import io
import secrets
import warnings
from contextlib import contextmanager
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils.encoding import filepath_to_uri
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# Pillow format name -> file extension of the stored original. Judged from the content, never the name.
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_FORMATS = {"webp": "WEBP", "jpg": "JPEG"}
RENDITIONS_DIR = "photos/renditions"
ORIGINAL_QUALITY = 90
RENDITION_QUALITY = {"webp": 78, "jpg": 80}
# Renditions keep the image's colours: everything is converted to sRGB before the profile is dropped.
SRGB = ImageCms.createProfile("sRGB")


class PhotoRejected(ValidationError):
    """An upload that is not a photo the portal stores."""


@contextmanager
def guarded_pillow():
    """Pillow with the portal's pixel limit, a decompression bomb warning raised as an error."""
    Image.MAX_IMAGE_PIXELS = settings.PHOTO_MAX_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def open_photo(file):
    """The decoded image in `file`, or PhotoRejected saying clearly why it is not accepted."""
    size = getattr(file, "size", None)
    if size is not None and size > settings.PHOTO_MAX_UPLOAD_BYTES:
        raise PhotoRejected(
            _("This file is %(size)s; photos may be at most %(limit)s. Export it smaller from your phone or camera.")
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.PHOTO_MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    data = file.read() if hasattr(file, "read") else file
    if hasattr(file, "seek"):
        file.seek(0)
    try:
        with guarded_pillow():
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise PhotoRejected(
                    _("This is a %(format)s file. Upload a JPEG, PNG or WebP photo.") % {"format": image.format},
                    code="wrong_type",
                )
            image.load()  # decode it all now: a truncated or corrupt file fails here, not on the site
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        # Pillow checks the size in the header, before decoding: a decompression bomb never unpacks.
        raise PhotoRejected(
            _("This image has more than %(limit)g megapixels. Export it smaller (a 12-megapixel photo is plenty).")
            % {"limit": settings.PHOTO_MAX_PIXELS / 1_000_000},
            code="too_many_pixels",
        ) from error
    except UnidentifiedImageError as error:
        raise PhotoRejected(
            _("This file is not a JPEG, PNG or WebP photo (SVG, HEIC, PDF and others are not accepted)."),
            code="wrong_type",
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise PhotoRejected(_("This photo is damaged or incomplete; export it again."), code="corrupt") from error
    return image


def cleaned(image):
    """The picture alone: turned upright from EXIF, in sRGB, with no metadata left (GPS, camera serial…)."""
    image = ImageOps.exif_transpose(image)
    icc = image.info.get("icc_profile")
    if image.mode not in ("RGB", "RGBA"):
        has_alpha = image.mode in ("LA", "PA") or (image.mode == "P" and "transparency" in image.info)
        image = image.convert("RGBA" if has_alpha else "RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source, SRGB, outputMode=image.mode)
        except (ImageCms.PyCMSError, OSError):
            pass  # an unreadable profile: keep the pixels as they are
    # A new image holds only pixels: EXIF, XMP, ICC, PNG text chunks and anything appended are gone.
    bare = Image.new(image.mode, image.size)
    bare.paste(image)
    return bare


def encode(image, extension, quality):
    """The image as bytes in the format of `extension`, without metadata."""
    buffer = io.BytesIO()
    if extension == "jpg":
        if image.mode == "RGBA":  # JPEG has no transparency: lay it on white
            background = Image.new("RGB", image.size, "white")
            background.paste(image, mask=image.getchannel("A"))
            image = background
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    elif extension == "webp":
        image.save(buffer, "WEBP", quality=quality, method=4)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def unguessable_name(extension):
    """A new photo file name: 128 random bits, e.g. "Xq3…Zw.jpg" (the uploaded name, IMG_0042.jpg or the
    place's name, would let anyone find a draft's photos under /media/)."""
    return f"{secrets.token_urlsafe(16)}.{extension}"


def clean_original(file):
    """(ContentFile to store, cleaned image): the upload re-encoded in the format of its content, under an
    unguessable name."""
    image = open_photo(file)
    extension = ACCEPTED_FORMATS[image.format]
    picture = cleaned(image)
    return ContentFile(encode(picture, extension, ORIGINAL_QUALITY), name=unguessable_name(extension)), picture


def rendition_widths(original_width):
    """The widths made for a photo: the configured ones, never wider than the original."""
    if not original_width:
        return []
    return sorted({min(width, original_width) for width in settings.PHOTO_RENDITION_WIDTHS})


def file_url(storage, name):
    """storage.url(name); for files on this server's disk without urljoin(), which a list page's ~200 photo
    addresses made one of its costs (make bench)."""
    if isinstance(storage, FileSystemStorage):
        return f"{storage.base_url}{filepath_to_uri(name).lstrip('/')}"
    return storage.url(name)


@functools.lru_cache(maxsize=8192)  # a list page asks for ~1,000 of these, and pathlib is slow
def rendition_name(original_name, width, extension):
    """photos/2025/06/fangchuan.jpg -> photos/renditions/2025/06/fangchuan-640.webp"""
    path = PurePosixPath(original_name)
    parts = path.parent.parts[1:] if path.parent.parts[:1] == ("photos",) else path.parent.parts
    return str(PurePosixPath(RENDITIONS_DIR, *parts, f"{path.stem}-{width}.{extension}"))


def rendition_names(original_name, original_width):
    """Every rendition file a photo may have, including widths from older settings and the link-preview crop."""
    widths = {*settings.PHOTO_RENDITION_WIDTHS, *rendition_widths(original_width)}
    names = [rendition_name(original_name, width, ext) for width in sorted(widths) for ext in RENDITION_FORMATS]
    return [*names, share_image_name(original_name)]


# Link previews (Open Graph, Twitter cards) want one size: 1200 × 630, cropped around the centre.
SHARE_IMAGE_SIZE = (1200, 630)


def share_image_name(original_name):
    """photos/2025/06/fangchuan.jpg -> photos/renditions/2025/06/fangchuan-1200x630.jpg"""
    width, height = SHARE_IMAGE_SIZE
    return rendition_name(original_name, f"{width}x{height}", "jpg")


def make_share_image(photo, picture=None):
    """Store the photo cropped and scaled to exactly 1200 × 630 JPEG, for link previews; returns its name."""
    storage = photo.image.storage
    if picture is None:
        with photo.image.open("rb") as file, guarded_pillow():
            picture = cleaned(Image.open(file))
    # A little above the centre: skies are cut rather than the ground where the place stands.
    crop = ImageOps.fit(picture, SHARE_IMAGE_SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.45))
    name = share_image_name(photo.image.name)
    if storage.exists(name):
        storage.delete(name)
    storage.save(name, ContentFile(encode(crop, "jpg", RENDITION_QUALITY["jpg"])))
    return name


def make_renditions(photo, picture=None):
    """Store every rendition of `photo` (WebP and JPEG per width); `picture` spares decoding it again."""
    storage = photo.image.storage
    if picture is None:
        with photo.image.open("rb") as file, guarded_pillow():
            picture = cleaned(Image.open(file))
    current = picture
    for width in reversed(rendition_widths(picture.width)):
        # Each width is reduced from the next larger one: much faster than from 12 megapixels each time.
        height = max(1, round(picture.height * width / picture.width))
        if current.size != (width, height):
            current = current.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for extension in RENDITION_FORMATS:
            name = rendition_name(photo.image.name, width, extension)
            if storage.exists(name):
                storage.delete(name)  # the name is fixed: replace, don't let the storage pick another one
            storage.save(name, ContentFile(encode(current, extension, RENDITION_QUALITY[extension])))
    make_share_image(photo, picture)


def copy_photo_files(storage, original_name, original_width):
    """Copy a photo's original and renditions to a new unguessable name in the same folder; returns the new
    original's name. The old files stay until the caller deletes them (once its transaction is committed)."""
    path = PurePosixPath(original_name)
    new_name = str(path.parent / unguessable_name(path.suffix.lstrip(".")))
    old_names = [original_name, *rendition_names(original_name, original_width)]
    new_names = [new_name, *rendition_names(new_name, original_width)]
    for old, new in zip(old_names, new_names, strict=True):
        if storage.exists(old):  # only the widths this photo has
            with storage.open(old, "rb") as file:
                storage.save(new, ContentFile(file.read()))
    return new_name


def delete_photo_files(storage, original_name, original_width):
    """Remove a photo's original and all its renditions from the storage."""
    if not original_name:
        return
    for name in [original_name, *rendition_names(original_name, original_width)]:
        storage.delete(name)
