"""Photos chosen in a page that fails to save are kept for the next attempt, for their editor only."""

import io
import secrets
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from attractions.models import AttractionPhoto
from attractions.tests.factories import make_attraction, make_attraction_photo
from photos.models import PendingUpload

pytestmark = pytest.mark.django_db

GONE = "之前选择的照片无法保留"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def jpeg(size=(1200, 800), colour=(70, 130, 180)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return SimpleUploadedFile("IMG_0042.jpg", buffer.getvalue(), content_type="image/jpeg")


def change_form(attraction, name_zh_hans, photos):
    """The attraction's page as posted: `photos` is a list of {"image": …} or {"pending_upload": …} rows."""
    data = {
        "name_zh_hans": name_zh_hans,
        "slug": attraction.slug,
        "category": attraction.category,
        "region": attraction.region_id,
        "status": attraction.status,
        "a_level": 0,
        "latitude": attraction.latitude,
        "longitude": attraction.longitude,
        "photos-TOTAL_FORMS": len(photos),
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(photos):
        data |= {
            f"photos-{index}-attraction": attraction.pk,
            f"photos-{index}-alt_text_zh_hans": f"防川的日出 {index}",
            f"photos-{index}-caption_zh_hans": f"图说 {index}",
            f"photos-{index}-position": index,
        }
        data |= {f"photos-{index}-{key}": value for key, value in row.items()}
    return data


def post(client, attraction, name_zh_hans, photos):
    url = reverse("admin:attractions_attraction_change", args=[attraction.pk])
    return client.post(url, change_form(attraction, name_zh_hans, photos))


def kept_tokens(response):
    formset = response.context["inline_admin_formsets"][0].formset
    return [form["pending_upload"].value() for form in formset.forms]


def test_a_page_with_an_error_shows_the_chosen_photos_again_with_their_texts(admin_client):
    attraction = make_attraction(name_zh_hans="防川")
    response = post(admin_client, attraction, "", [{"image": jpeg()}, {"image": jpeg(colour=(200, 90, 40))}])
    assert response.status_code == 200
    page = response.content.decode()
    assert "这个字段是必填项" in page  # the Chinese name
    assert page.count('src="data:image/webp;base64,') == 2
    assert "已选择，随页面一起保存" in page
    tokens = kept_tokens(response)
    assert len(set(tokens)) == 2
    for token in tokens:
        assert f'name="photos-{tokens.index(token)}-pending_upload" value="{token}"' in page
    assert 'value="防川的日出 1"' in page
    assert 'value="图说 0"' in page
    assert not AttractionPhoto.objects.exists()
    assert PendingUpload.objects.count() == 2
    assert all(default_storage.exists(pending.image.name) for pending in PendingUpload.objects.all())


def test_the_next_attempt_saves_the_kept_photos_without_choosing_them_again(
    admin_client, django_capture_on_commit_callbacks
):
    attraction = make_attraction(name_zh_hans="防川")
    failed = post(admin_client, attraction, "", [{"image": jpeg()}, {"image": jpeg((900, 600))}])
    tokens = kept_tokens(failed)
    kept_files = [pending.image.name for pending in PendingUpload.objects.all()]
    with django_capture_on_commit_callbacks(execute=True):
        response = post(admin_client, attraction, "防川村", [{"pending_upload": token} for token in tokens])
    assert response.status_code == 302
    photos = list(AttractionPhoto.objects.filter(attraction=attraction).order_by("position"))
    assert [photo.alt_text_zh_hans for photo in photos] == ["防川的日出 0", "防川的日出 1"]
    assert [(photo.width, photo.height) for photo in photos] == [(1200, 800), (900, 600)]
    assert all(photo.image.name.startswith("photos/") for photo in photos)
    assert all(default_storage.exists(photo.image.name) for photo in photos)
    assert not PendingUpload.objects.exists(), "a used photo is no longer kept"
    assert not any(default_storage.exists(name) for name in kept_files)


def test_a_page_that_fails_twice_keeps_the_same_photo(admin_client):
    attraction = make_attraction(name_zh_hans="防川")
    token = kept_tokens(post(admin_client, attraction, "", [{"image": jpeg()}]))[0]
    again = post(admin_client, attraction, "", [{"pending_upload": token}])
    assert again.status_code == 200
    assert kept_tokens(again) == [token]
    assert 'src="data:image/webp;base64,' in again.content.decode()
    assert PendingUpload.objects.count() == 1


def test_a_newly_chosen_file_replaces_the_kept_one(admin_client):
    attraction = make_attraction(name_zh_hans="防川")
    token = kept_tokens(post(admin_client, attraction, "", [{"image": jpeg()}]))[0]
    response = post(admin_client, attraction, "防川村", [{"pending_upload": token, "image": jpeg((700, 500))}])
    assert response.status_code == 302
    assert AttractionPhoto.objects.get().width == 700


def test_an_invalid_file_is_not_kept(admin_client):
    attraction = make_attraction(name_zh_hans="防川")
    svg = SimpleUploadedFile("a.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = post(admin_client, attraction, "", [{"image": svg}])
    assert response.status_code == 200
    assert not any(kept_tokens(response))
    assert not PendingUpload.objects.exists()


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(secrets.token_urlsafe(32), id="made-up"),
        pytest.param("abc\x00def", id="nul-byte"),
        pytest.param("x" * 5000, id="huge"),
        pytest.param("../../etc/passwd", id="path"),
    ],
)
def test_a_forged_token_is_a_form_error_not_a_500(admin_client, token):
    attraction = make_attraction(name_zh_hans="防川")
    response = post(admin_client, attraction, "防川村", [{"pending_upload": token}])
    assert response.status_code == 200
    assert GONE in response.content.decode()
    assert not AttractionPhoto.objects.exists()


def test_the_photo_kept_for_another_editor_is_refused_and_untouched(admin_client, django_user_model):
    attraction = make_attraction(name_zh_hans="防川")
    other = Client()
    other.force_login(django_user_model.objects.create_superuser("other.editor", "o@example.org", "pw-331-long"))
    token = kept_tokens(post(other, attraction, "", [{"image": jpeg()}]))[0]
    kept = PendingUpload.objects.get(token=token)

    response = post(admin_client, attraction, "防川村", [{"pending_upload": token}])
    assert response.status_code == 200
    page = response.content.decode()
    assert GONE in page
    assert "data:image/webp" not in page, "another editor's photo is never shown"
    assert not AttractionPhoto.objects.exists()
    assert PendingUpload.objects.filter(pk=kept.pk).exists()
    assert default_storage.exists(kept.image.name)


def test_signing_in_again_starts_a_new_session_whose_kept_photos_are_its_own(admin_client):
    attraction = make_attraction(name_zh_hans="防川")
    token = kept_tokens(post(admin_client, attraction, "", [{"image": jpeg()}]))[0]
    admin_client.logout()
    admin_client.force_login(get_user_model().objects.get(username="admin"))
    response = post(admin_client, attraction, "防川村", [{"pending_upload": token}])
    assert response.status_code == 200
    assert GONE in response.content.decode()


def test_expired_kept_photos_are_cleared_with_their_files(admin_client):
    attraction = make_attraction(name_zh_hans="防川")
    token = kept_tokens(post(admin_client, attraction, "", [{"image": jpeg()}]))[0]
    kept = PendingUpload.objects.get(token=token)
    PendingUpload.objects.filter(pk=kept.pk).update(created_at=timezone.now() - timedelta(hours=25))

    response = post(admin_client, attraction, "防川村", [{"pending_upload": token}])
    assert GONE in response.content.decode(), "an expired one is not used"

    call_command("clear_pending_photos", stdout=io.StringIO())
    assert not PendingUpload.objects.exists()
    assert not default_storage.exists(kept.image.name)


def test_kept_photos_are_never_served_under_media(admin_client, client, settings):
    attraction = make_attraction(name_zh_hans="防川")
    post(admin_client, attraction, "", [{"image": jpeg()}])
    name = PendingUpload.objects.get().image.name
    assert name.startswith("pending-photos/")
    assert client.get(f"/media/{name}").status_code == 404
    assert admin_client.get(f"/media/photos/../{name}").status_code == 404


def test_a_photos_own_page_keeps_the_new_file_across_a_failed_save(admin_client):
    attraction = make_attraction(name_zh_hans="防川")
    photo = make_attraction_photo(attraction, jpeg((800, 600)))
    url = reverse("admin:attractions_attractionphoto_change", args=[photo.pk])
    data = {"attraction": attraction.pk, "alt_text_zh_hans": "", "position": 0}
    failed = admin_client.post(url, {**data, "image": jpeg((1000, 700))})
    assert failed.status_code == 200
    page = failed.content.decode()
    assert 'src="data:image/webp;base64,' in page
    token = failed.context["adminform"].form["pending_upload"].value()
    assert f'name="pending_upload" value="{token}"' in page

    saved = admin_client.post(url, {**data, "alt_text_zh_hans": "防川的日出", "pending_upload": token})
    assert saved.status_code == 302
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (1000, 700)
    assert photo.alt_text_zh_hans == "防川的日出"
