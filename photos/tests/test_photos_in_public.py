"""Photos where the public meets them: on the pages, served from /media/, drawn for the demo; and leaving the
addresses the public saw when their listing is unpublished."""

import inspect
import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from PIL import ImageFilter

from attractions.models import Attraction, AttractionPhoto
from attractions.tests.factories import make_attraction, make_attraction_photo
from listings.models import Status, Theme
from photos import illustrations
from photos.illustrations import Scene, draw_scene, scene_for
from photos.images import rendition_name
from photos.tests.test_photos import SVG, change_form_data, photo_bytes, photo_files, upload
from routes.models import RoutePhoto
from routes.tests.factories import make_route
from villages.models import VillagePhoto
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db


# Pages -------------------------------------------------------------------------------------------


def test_detail_page_offers_renditions_with_dimensions_and_priority(client):
    attraction = make_attraction()
    first = make_attraction_photo(attraction, upload(photo_bytes((2000, 1250))), position=0, credit_en="Li Wei")
    make_attraction_photo(attraction, upload(photo_bytes((800, 600))), position=1)
    page = client.get("/en" + attraction.get_absolute_url()).content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", page, re.S)
    assert len(pictures) == 2
    lead, second = pictures
    assert '<source type="image/webp" srcset="' in lead
    assert f"{rendition_name(first.image.name, 640, 'webp')} 640w" in lead
    assert f"{rendition_name(first.image.name, 1600, 'jpg')} 1600w" in lead
    assert 'width="1024" height="640"' in lead
    assert 'fetchpriority="high"' in lead
    assert 'loading="lazy"' not in lead
    assert 'sizes="' in lead
    assert 'loading="lazy"' in second
    assert 'width="800" height="600"' in second
    assert "1024w" not in second
    assert "Li Wei" in page


def test_list_cards_use_renditions_the_first_one_eagerly(client):
    for _ in range(3):
        make_attraction_photo(make_attraction(), upload(photo_bytes((1600, 1000))))
    page = client.get(reverse("attractions:list")).content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", page, re.S)
    assert len(pictures) == 3
    assert all("320w" in picture and 'width="1024" height="640"' in picture for picture in pictures)
    assert 'fetchpriority="high"' in pictures[0]
    assert all('loading="lazy"' in picture for picture in pictures[1:])


def test_alt_text_in_another_language_is_marked_and_stays_plain_text(client):
    attraction = make_attraction()
    make_attraction_photo(attraction, upload(photo_bytes()), alt_text_en="", alt_text_zh_hans="雪中的木屋")
    page = client.get("/en" + attraction.get_absolute_url()).content.decode()
    assert 'alt="雪中的木屋" lang="zh-Hans"' in page


# Serving media -----------------------------------------------------------------------------------


def test_make_run_serves_photos_as_images_only(client, media):
    photo = make_attraction_photo(make_attraction(), upload(photo_bytes()))
    response = client.get(photo.rendition_url(640, "webp"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "inline"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    (media / "evil.html").write_text("<script>alert(1)</script>")
    (media / "evil.svg").write_text(SVG.decode())
    assert client.get("/media/evil.html").status_code == 404
    assert client.get("/media/evil.svg").status_code == 404
    assert client.get("/media/../manage.py").status_code in (400, 404)
    assert client.post(photo.rendition_url(640, "webp")).status_code == 405


# Demo illustrations ------------------------------------------------------------------------------


def test_demo_photos_are_illustrations_made_once_per_published_listing(settings, django_capture_on_commit_callbacks):
    settings.PHOTO_RENDITION_WIDTHS = (320,)  # the drawing is what is tested here, keep it quick
    attraction = make_attraction(name_zh_hans="防川风景名胜区", name_en="Fangchuan Scenic Area")
    village = make_village()
    route = make_route(days=[[attraction, village]])
    draft = make_attraction(status=Status.DRAFT)
    call_command("make_demo_photos")
    photo = attraction.photos.get()
    assert (photo.width, photo.height) == (1600, 1000)
    assert photo.alt_text_en.startswith("Illustration:")
    assert "Fangchuan Scenic Area" in photo.alt_text_en
    assert photo.alt_text_zh_hans.startswith("插图")
    assert photo.credit_en == "Illustration generated for the demo"
    assert photo.credit_zh_hans
    assert VillagePhoto.objects.filter(village=village).count() == 1
    assert RoutePhoto.objects.filter(route=route).count() == 1
    assert not draft.photos.exists()

    call_command("make_demo_photos")
    assert AttractionPhoto.objects.count() == 1, "listings that have a photo are left alone"

    # An original already gone from storage frees its name, so the redrawn photo takes the same one.
    photo.image.storage.delete(photo.image.name)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("make_demo_photos", "--force")
    assert AttractionPhoto.objects.count() == 1
    redrawn = attraction.photos.get()
    assert redrawn.pk != photo.pk
    assert Attraction.objects.count() == 2
    # The old row's file clean-up runs after the commit; it must not take the redrawn files with it.
    assert redrawn.image.storage.exists(redrawn.image.name)
    assert redrawn.image.storage.exists(redrawn.srcset("webp").split()[0].removeprefix(settings.MEDIA_URL))


# Unpublished: the photos leave the addresses the public saw -----------------------------------------------


def unpublished_form_data(attraction, photo):
    data = change_form_data(attraction, b"")
    del data["photos-0-image"]
    data.update({"status": Status.DRAFT, "photos-INITIAL_FORMS": 1, "photos-0-id": photo.pk})
    data["photos-0-alt_text_en"] = "Sunrise over Fangchuan, edited while unpublishing"
    return data


@pytest.mark.parametrize("how", ["action", "change form"])
def test_unpublishing_moves_the_photos_to_new_addresses(admin_client, django_capture_on_commit_callbacks, how):
    attraction = make_attraction(status=Status.PUBLISHED)
    photo = make_attraction_photo(attraction, upload(photo_bytes()))
    public_files = photo_files(photo)
    with django_capture_on_commit_callbacks(execute=True):
        if how == "action":
            changelist = reverse("admin:attractions_attraction_changelist")
            admin_client.post(changelist, {"action": "unpublish", "_selected_action": [attraction.pk]})
        else:
            url = reverse("admin:attractions_attraction_change", args=[attraction.pk])
            response = admin_client.post(url, unpublished_form_data(attraction, photo))
            assert response.status_code == 302, response.content.decode()[:3000]
    attraction.refresh_from_db()
    photo.refresh_from_db()
    assert attraction.status == Status.DRAFT
    assert photo.image.name != public_files[0]
    assert not any(default_storage.exists(name) for name in public_files)
    assert all(default_storage.exists(name) for name in photo_files(photo))
    if how == "change form":
        assert photo.alt_text_en == "Sunrise over Fangchuan, edited while unpublishing"


def test_publishing_keeps_the_photos_where_they_are(admin_client):
    attraction = make_attraction(status=Status.IN_REVIEW)
    photo = make_attraction_photo(attraction, upload(photo_bytes()))
    name = photo.image.name
    admin_client.post(
        reverse("admin:attractions_attraction_changelist"), {"action": "publish", "_selected_action": [attraction.pk]}
    )
    photo.refresh_from_db()
    assert photo.image.name == name and default_storage.exists(name)


def test_the_upgrade_command_moves_the_photos_of_unpublished_listings_only(django_capture_on_commit_callbacks):
    """Photos stored before under their uploaded name (photos/…/jingxin.jpg) leave it if their listing is not
    published; a published listing's photos stay where pages link them."""
    draft_photo = make_attraction_photo(make_attraction(status=Status.DRAFT), upload(photo_bytes()))
    public_photo = make_attraction_photo(make_attraction(status=Status.PUBLISHED), upload(photo_bytes()))
    old_draft_files, public_name = photo_files(draft_photo), public_photo.image.name
    with django_capture_on_commit_callbacks(execute=True):
        call_command("hide_unpublished_photos", stdout=io.StringIO())
    draft_photo.refresh_from_db()
    public_photo.refresh_from_db()
    assert draft_photo.image.name != old_draft_files[0]
    assert not any(default_storage.exists(name) for name in old_draft_files)
    assert all(default_storage.exists(name) for name in photo_files(draft_photo))
    assert public_photo.image.name == public_name


def structure(image):
    """The picture's shapes without its colours: edges of the greyscale image, small."""
    return image.convert("L").filter(ImageFilter.FIND_EDGES).resize((160, 100))


def similarity(first, second):
    """1.0 for the same edges, near 0 for unrelated ones (normalised correlation)."""
    a, b = structure(first).get_flattened_data(), structure(second).get_flattened_data()
    mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
    covariance = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
    spread = (sum((x - mean_a) ** 2 for x in a) * sum((y - mean_b) ** 2 for y in b)) ** 0.5
    return covariance / spread


def test_demo_pictures_differ_by_kind_of_place_not_only_in_colour():
    pictures = {scene: draw_scene("same-seed", scene) for scene in Scene.ALL}
    for scene, picture in pictures.items():
        assert similarity(picture, picture) > 0.99
        for other, other_picture in pictures.items():
            if other != scene:
                assert similarity(picture, other_picture) < 0.5, (scene, other)
    # Two places of one kind are drawn differently too.
    assert similarity(draw_scene("fangchuan", Scene.RIVER_BORDER), draw_scene("quanhe", Scene.RIVER_BORDER)) < 0.9


def test_demo_pictures_carry_no_words_the_page_gives_caption_and_credit_in_its_language():
    assert list(inspect.signature(illustrations.illustration_jpeg).parameters) == ["seed", "scene"]
    assert not hasattr(illustrations, "ImageFont"), "no font: nothing is written on a picture"


def test_each_kind_of_listing_gets_its_scene():
    assert scene_for(make_attraction(category=Theme.NATURAL)) == Scene.MOUNTAIN_LAKE
    assert scene_for(make_attraction(category=Theme.BORDER)) == Scene.RIVER_BORDER
    assert scene_for(make_attraction(category=Theme.RED)) == Scene.HISTORICAL
    assert scene_for(make_attraction(category=Theme.WINTER)) == Scene.WINTER
    assert scene_for(make_village()) == Scene.VILLAGE
    assert scene_for(make_route(themes=[Theme.WINTER])) == Scene.WINTER
