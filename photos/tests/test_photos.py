"""Photos: what is stored, the renditions, the files following their photo, and what an upload through the admin
must be."""

import io
import re
import struct
import zlib
from pathlib import PurePosixPath

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageDraw

from attractions.models import AttractionPhoto
from attractions.tests.factories import make_attraction, make_attraction_photo
from listings.models import Status
from photos.images import PhotoRejected, open_photo, rendition_name

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112
BODY_SERIAL_NUMBER = 0xA431


def photo_bytes(size=(2000, 1250), image_format="JPEG", exif=None, **options):
    """A picture with shapes (not one flat colour, so encoders behave as with a photo)."""
    image = Image.new("RGB", size, (70, 130, 180))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, size[1]), (size[0] // 3, size[1] // 3), (size[0] // 2, size[1])], fill=(40, 90, 60))
    draw.ellipse([size[0] * 0.7, 40, size[0] * 0.8, 40 + size[0] * 0.1], fill=(250, 220, 120))
    buffer = io.BytesIO()
    if exif is not None:
        options["exif"] = exif
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def camera_exif():
    """EXIF as a phone writes it: turned 90°, where it was taken and the camera's serial number."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # rotate 90° clockwise to view
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8769)[BODY_SERIAL_NUMBER] = "SN-123456789"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (42.0, 51.0, 36.0), 3: "E", 4: (130.0, 21.0, 36.0)})
    return exif


def upload(data, name="photo.jpg"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def decompression_bomb_png(width=50_000, height=50_000):
    """A PNG that claims 2.5 gigapixels in a few dozen bytes: a decompression bomb's header."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + b""


def stored_image(name):
    with default_storage.open(name) as file:
        image = Image.open(file)
        image.load()
    return image


# What is stored --------------------------------------------------------------------------------


def test_stored_photo_is_upright_and_keeps_no_gps_or_camera_serial():
    photo = make_attraction_photo(make_attraction(), upload(photo_bytes((2000, 1500), exif=camera_exif())))
    raw = default_storage.open(photo.image.name).read()
    original = stored_image(photo.image.name)
    assert original.size == (1500, 2000), "the EXIF orientation is applied to the pixels"
    assert (photo.width, photo.height) == (1500, 2000)
    assert not original.getexif()
    assert "exif" not in original.info
    assert b"SN-123456789" not in raw
    assert b"PhoneMaker" not in raw
    for width in (320, 1024):
        rendition = stored_image(rendition_name(photo.image.name, width, "jpg"))
        assert not rendition.getexif()


def test_renditions_are_made_in_webp_and_jpeg_at_each_width():
    photo = make_attraction_photo(make_attraction(), upload(photo_bytes((2000, 1250))))
    assert photo.renditions == [(320, 200), (640, 400), (1024, 640), (1600, 1000)]
    for width, height in photo.renditions:
        for extension, image_format in (("webp", "WEBP"), ("jpg", "JPEG")):
            rendition = stored_image(rendition_name(photo.image.name, width, extension))
            assert rendition.format == image_format
            assert rendition.size == (width, height)


def test_renditions_never_upscale_a_small_photo():
    photo = make_attraction_photo(make_attraction(), upload(photo_bytes((800, 600))))
    assert [width for width, _ in photo.renditions] == [320, 640, 800]
    assert stored_image(rendition_name(photo.image.name, 800, "webp")).size == (800, 600)
    assert not default_storage.exists(rendition_name(photo.image.name, 1024, "webp"))


def test_a_transparent_png_gets_a_white_background_in_its_jpeg_renditions():
    image = Image.new("RGBA", (700, 500), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    photo = make_attraction_photo(make_attraction(), upload(buffer.getvalue(), "logo.png"))
    assert photo.image.name.endswith(".png")
    assert stored_image(rendition_name(photo.image.name, 640, "jpg")).getpixel((5, 5)) == (255, 255, 255)
    assert stored_image(rendition_name(photo.image.name, 640, "webp")).mode == "RGBA"


# Files follow their photo ------------------------------------------------------------------------


def photo_files(photo):
    return [photo.image.name] + [
        rendition_name(photo.image.name, width, extension)
        for width, _ in photo.renditions
        for extension in ("webp", "jpg")
    ]


@pytest.mark.parametrize("how", ["instance", "queryset", "listing"])
def test_deleting_a_photo_removes_its_original_and_renditions(django_capture_on_commit_callbacks, how):
    attraction = make_attraction()
    photo = make_attraction_photo(attraction, upload(photo_bytes()))
    files = photo_files(photo)
    assert len(files) == 9
    assert all(default_storage.exists(name) for name in files)
    with django_capture_on_commit_callbacks(execute=True):
        if how == "instance":
            photo.delete()
        elif how == "queryset":
            AttractionPhoto.objects.filter(pk=photo.pk).delete()
        else:
            attraction.delete()
    assert not any(default_storage.exists(name) for name in files)


def test_replacing_a_photo_removes_the_old_files(django_capture_on_commit_callbacks):
    photo = make_attraction_photo(make_attraction(), upload(photo_bytes()))
    old_files = photo_files(photo)
    with django_capture_on_commit_callbacks(execute=True):
        photo.image = upload(photo_bytes((1200, 800)), "new.jpg")
        photo.save()
    assert not any(default_storage.exists(name) for name in old_files)
    assert all(default_storage.exists(name) for name in photo_files(photo))
    assert photo.renditions[-1] == (1200, 800)


def test_editing_only_the_texts_keeps_the_files(django_capture_on_commit_callbacks):
    photo = make_attraction_photo(make_attraction(), upload(photo_bytes()))
    with django_capture_on_commit_callbacks(execute=True):
        photo.alt_text_en = "Another description"
        photo.save()
    assert all(default_storage.exists(name) for name in photo_files(photo))


# Uploads through the admin -----------------------------------------------------------------------


def change_form_data(attraction, image, name="photo.jpg"):
    return {
        "name_zh_hans": attraction.name_zh_hans,
        "name_en": "A new name that must not be saved with a bad photo",
        "slug": attraction.slug,
        "category": attraction.category,
        "region": attraction.region_id,
        "status": attraction.status,
        "a_level": 0,
        "latitude": attraction.latitude,
        "longitude": attraction.longitude,
        "photos-TOTAL_FORMS": 1,
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
        "photos-0-attraction": attraction.pk,
        "photos-0-image": upload(image, name),
        "photos-0-alt_text_zh_hans": "防川的日出",
        "photos-0-alt_text_en": "Sunrise over Fangchuan",
        "photos-0-credit_zh_hans": "李伟",
        "photos-0-position": 0,
    }


def post_photo(client, attraction, image, name="photo.jpg"):
    url = reverse("admin:attractions_attraction_change", args=[attraction.pk])
    return client.post(url, change_form_data(attraction, image, name))


def photo_errors(response):
    """The codes of the errors shown under the photo's file field (the admin speaks Chinese)."""
    assert 'id="id_photos-0-image_error"' in response.content.decode()
    formset = response.context["inline_admin_formsets"][0].formset
    return [error.code for error in formset.forms[0].errors.as_data()["image"]]


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        pytest.param(SVG, "drawing.svg", "wrong_type", id="svg"),
        pytest.param(SVG, "drawing.jpg", "wrong_type", id="svg-named-jpg"),
        pytest.param(b"<html><script>alert(1)</script></html>", "page.png", "wrong_type", id="html"),
        pytest.param(photo_bytes((40, 30), "GIF"), "anim.gif", "wrong_type", id="gif"),
        pytest.param(photo_bytes((40, 30), "TIFF"), "scan.jpg", "wrong_type", id="tiff"),
        pytest.param(decompression_bomb_png(), "bomb.png", "too_many_pixels", id="bomb"),
        pytest.param(photo_bytes()[:3000], "cut.jpg", "corrupt", id="truncated"),
    ],
)
def test_the_admin_refuses_a_file_that_is_not_a_photo(admin_client, content, name, code):
    attraction = make_attraction(name_en="Fangchuan")
    response = post_photo(admin_client, attraction, content, name)
    assert response.status_code == 200
    assert photo_errors(response) == [code]
    assert not AttractionPhoto.objects.exists()
    attraction.refresh_from_db()
    assert attraction.name_en == "Fangchuan", "nothing of the form is saved"


def test_the_admin_refuses_a_file_over_the_size_limit(admin_client, settings):
    settings.PHOTO_MAX_UPLOAD_BYTES = 50_000
    response = post_photo(admin_client, make_attraction(), photo_bytes((3000, 2000), quality=95))
    assert photo_errors(response) == ["too_large"]
    assert not AttractionPhoto.objects.exists()


def test_the_admin_refuses_a_photo_over_the_pixel_limit(admin_client, settings):
    settings.PHOTO_MAX_PIXELS = 1_000_000  # below 2000 × 1250 = 2.5 megapixels
    response = post_photo(admin_client, make_attraction(), photo_bytes((2000, 1250)))
    assert photo_errors(response) == ["too_many_pixels"]
    assert not AttractionPhoto.objects.exists()


def test_a_photo_is_judged_by_its_content_not_its_name(admin_client):
    attraction = make_attraction()
    response = post_photo(admin_client, attraction, photo_bytes(), "IMG_0042.png")
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = attraction.photos.get()
    assert photo.image.name.endswith(".jpg")
    assert stored_image(photo.image.name).format == "JPEG"


def test_a_drafts_photo_is_stored_under_a_name_nobody_can_guess(admin_client, client):
    """Not the uploaded file's name: /media/photos/2026/12/jingxin-wetland.jpg would show a draft's photo."""
    draft = make_attraction(status=Status.DRAFT, slug="jingxin-wetland")
    for _ in range(2):
        response = post_photo(admin_client, draft, photo_bytes(), "jingxin-wetland.jpg")
        assert response.status_code == 302, response.content.decode()[:2000]
    names = [photo.image.name for photo in draft.photos.all()]
    for name in names:
        stem = PurePosixPath(name).stem
        assert "jingxin" not in name and "photo" not in stem
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", stem)  # 128 random bits
        assert PurePosixPath(rendition_name(name, 640, "webp")).stem == f"{stem}-640"  # renditions too
    assert len({PurePosixPath(name).stem for name in names}) == 2  # the same upload twice: two tokens
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_polyglot_is_stored_without_what_was_appended(admin_client):
    attraction = make_attraction()
    payload = b"<html><script>alert('polyglot')</script></html>PK\x03\x04"
    response = post_photo(admin_client, attraction, photo_bytes() + payload)
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = attraction.photos.get()
    for name in photo_files(photo):
        assert b"polyglot" not in default_storage.open(name).read()
    assert photo.credit_zh_hans == "李伟"


def test_admin_lists_and_inlines_show_thumbnails(admin_client):
    attraction = make_attraction()
    photo = make_attraction_photo(attraction, upload(photo_bytes()))
    thumbnail = photo.rendition_url(320, "webp")
    assert thumbnail in admin_client.get(reverse("admin:attractions_attraction_changelist")).content.decode()
    change = admin_client.get(reverse("admin:attractions_attraction_change", args=[attraction.pk]))
    assert thumbnail in change.content.decode()


def test_editors_reorder_photos_by_dragging(admin_client):
    """The drag handle (django-admin-sortable2) writes the new order into `position`; the admin saves it."""
    attraction = make_attraction()
    first = make_attraction_photo(attraction, upload(photo_bytes((700, 500))), position=1)
    second = make_attraction_photo(attraction, upload(photo_bytes((700, 500))), position=2)
    url = reverse("admin:attractions_attraction_change", args=[attraction.pk])
    assert "adminsortable2" in admin_client.get(url).content.decode()
    data = change_form_data(attraction, b"")
    data = {key: value for key, value in data.items() if not key.startswith("photos-")}
    data.update({"name_en": attraction.name_en, "photos-TOTAL_FORMS": 2, "photos-INITIAL_FORMS": 2})
    for index, (photo, position) in enumerate([(first, 2), (second, 1)]):
        prefix = f"photos-{index}-"
        data.update({prefix + "id": photo.pk, prefix + "attraction": attraction.pk, prefix + "position": position})
        data.update({prefix + "alt_text_zh_hans": photo.alt_text_zh_hans, prefix + "alt_text_en": photo.alt_text_en})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(attraction.photos.all()) == [second, first]


def test_refusals_explain_what_to_do():
    with translation.override("en"), pytest.raises(PhotoRejected, match="Upload a JPEG, PNG or WebP photo"):
        open_photo(upload(photo_bytes((40, 30), "GIF")))
