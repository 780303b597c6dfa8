"""A listing's address (slug): proposed from the Chinese name in pinyin, unique, changeable until the first
publication and fixed after it, with one help text (issue #23)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from editorial.admin.slugs import SLUG_HELP_TEXT
from listings.models import SlugRedirect, Status
from listings.slugs import pinyin_slug
from listings.tests.factories import make_region
from staff.tests.test_revert import posted_form, revert_url

pytestmark = pytest.mark.django_db

ADD_URL = "admin:attractions_attraction_add"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("松岭雪村", "songling-xuecun"),
        ("珲春防川村", "hunchun-fangchuan-cun"),  # 珲 read hún in the county's name
        ("三合镇", "sanhe-zhen"),
        ("G331边境风景道", "g331-bianjing-fengjing-dao"),
        ("绿水村", "lvshui-cun"),
        ("Café 松岭", "cafe-songling"),
        ("！？", ""),
        ("", ""),
    ],
)
def test_the_address_is_the_pinyin_of_the_chinese_name(name, slug):
    assert pinyin_slug(name) == slug


def test_a_long_name_is_cut_at_a_word():
    slug = pinyin_slug("长白山" * 60)
    assert len(slug) <= 100
    assert not slug.endswith("-")
    assert slug.startswith("changbaishan-changbaishan")


def new_attraction_data(region, **changes):
    data = {
        "name_zh_hans": "松岭雪村",
        "slug": "",
        "category": "natural",
        "region": region.pk,
        "status": "draft",
        "a_level": 0,
        "latitude": "41.9",
        "longitude": "127.5",
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
    }
    return {**data, **changes}


def test_a_blank_address_is_made_from_the_chinese_name(admin_client):
    response = admin_client.post(reverse(ADD_URL), new_attraction_data(make_region("changbai")))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Attraction.objects.get(name_zh_hans="松岭雪村").slug == "songling-xuecun"


def test_a_taken_address_gets_the_next_free_number(admin_client):
    make_attraction(slug="songling-xuecun", name_zh_hans="松岭雪村")
    SlugRedirect.objects.remember(make_attraction(slug="elsewhere"), "songling-xuecun-2")  # an old address
    response = admin_client.post(reverse(ADD_URL), new_attraction_data(make_region("changbai")))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Attraction.objects.filter(name_zh_hans="松岭雪村").order_by("pk").last().slug == "songling-xuecun-3"


def test_a_typed_address_already_taken_is_refused_with_a_free_one_to_use(admin_client):
    make_attraction(slug="songling-xuecun", name_zh_hans="松岭雪村")
    data = new_attraction_data(make_region("changbai"), name_zh_hans="松岭雪村二号", slug="songling-xuecun")
    response = admin_client.post(reverse(ADD_URL), data)
    assert response.status_code == 200
    error = response.context["adminform"].form.errors["slug"][0]
    assert "松岭雪村" in error and "songling-xuecun-2" in error
    assert not Attraction.objects.filter(name_zh_hans="松岭雪村二号").exists()


def test_chinese_typed_into_the_address_is_written_in_pinyin(admin_client):
    data = new_attraction_data(make_region("changbai"), slug="松岭 雪村")
    assert admin_client.post(reverse(ADD_URL), data).status_code == 302
    assert Attraction.objects.get(name_zh_hans="松岭雪村").slug == "songling-xuecun"


def test_a_name_without_any_latin_spelling_asks_for_an_address_instead_of_a_bare_required(admin_client):
    response = admin_client.post(reverse(ADD_URL), new_attraction_data(make_region("changbai"), name_zh_hans="！？"))
    assert response.status_code == 200
    assert "songling-xuecun" in response.context["adminform"].form.errors["slug"][0]  # the example in the error
    assert not Attraction.objects.filter(name_zh_hans="！？").exists()


def test_the_add_form_offers_the_live_suggestion_and_the_one_help_text(admin_client):
    page = admin_client.get(reverse(ADD_URL)).content.decode()
    assert str(SLUG_HELP_TEXT) in page
    assert "首次发布前可以修改，发布后固定不变" in page  # the admin is in Chinese
    assert 'data-slug-source="id_name_zh_hans"' in page
    assert reverse("admin:attractions_attraction_slug_suggestion") in page
    assert "dependency_ids" not in page  # no prepopulated field: the English name no longer fills the address


def test_a_draft_address_can_still_be_changed(admin_client):
    draft = make_attraction(slug="first-try", status=Status.DRAFT)
    form = admin_client.get(reverse("admin:attractions_attraction_change", args=[draft.pk]))
    data = {**posted_form(form), "slug": "second-try", "photos-TOTAL_FORMS": 0, "photos-INITIAL_FORMS": 0}
    assert admin_client.post(reverse("admin:attractions_attraction_change", args=[draft.pk]), data).status_code == 302
    draft.refresh_from_db()
    assert draft.slug == "second-try"


def test_a_published_address_is_shown_fixed_and_a_forged_change_is_ignored(admin_client):
    listing = make_attraction(slug="songling-xuecun", status=Status.PUBLISHED)
    url = reverse("admin:attractions_attraction_change", args=[listing.pk])
    form = admin_client.get(url)
    assert form.context["adminform"].form.fields["slug"].disabled
    assert str(SLUG_HELP_TEXT) in form.content.decode()
    assert "data-slug-suggestion-url" not in form.content.decode()

    data = {**posted_form(form), "slug": "forged-address", "photos-TOTAL_FORMS": 0, "photos-INITIAL_FORMS": 0}
    response = admin_client.post(url, data)
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.slug == "songling-xuecun"
    assert not SlugRedirect.objects.exists()
    assert any("songling-xuecun" in str(m) for m in get_messages(response.wsgi_request))


def test_a_listing_unpublished_again_keeps_its_address(admin_client):
    listing = make_attraction(slug="songling-xuecun", status=Status.PUBLISHED)
    listing.status = Status.DRAFT
    listing.save()
    form = admin_client.get(reverse("admin:attractions_attraction_change", args=[listing.pk]))
    assert form.context["adminform"].form.fields["slug"].disabled


def test_going_back_to_a_version_from_before_publication_keeps_the_published_address(admin_client):
    listing = make_attraction(slug="draft-address", status=Status.DRAFT)
    version = listing.history.earliest()
    listing.slug, listing.status = "songling-xuecun", Status.PUBLISHED
    listing.save()
    page = admin_client.get(revert_url(listing, version))
    response = admin_client.post(
        revert_url(listing, version),
        {**posted_form(page), "slug": "draft-address", "photos-TOTAL_FORMS": 0, "photos-INITIAL_FORMS": 0},
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.slug == "songling-xuecun"


SUGGESTION_URL = "admin:attractions_attraction_slug_suggestion"


def test_the_suggestion_is_the_free_pinyin_address(admin_client):
    url = reverse(SUGGESTION_URL)
    assert admin_client.get(url, {"name": "松岭雪村"}).json() == {"slug": "songling-xuecun"}
    own = make_attraction(slug="songling-xuecun")
    assert admin_client.get(url, {"name": "松岭雪村"}).json() == {"slug": "songling-xuecun-2"}
    # The listing being edited does not take its own address.
    assert admin_client.get(url, {"name": "松岭雪村", "exclude": own.pk}).json() == {"slug": "songling-xuecun"}


def test_the_suggestion_of_a_tour_is_made_from_its_chinese_title(admin_client):
    add_page = admin_client.get(reverse("admin:routes_route_add")).content.decode()
    assert 'data-slug-source="id_title_zh_hans"' in add_page
    response = admin_client.get(reverse("admin:routes_route_slug_suggestion"), {"name": "鸭绿江边境游"})
    assert response.json() == {"slug": "yalujiang-bianjing-you"}


@pytest.mark.parametrize(
    "params",
    [{"name": "松岭\x00雪村"}, {"name": "长" * 5000}, {"name": "松岭", "exclude": "9" * 40}, {"exclude": "x"}, {}],
)
def test_odd_suggestion_requests_are_answered_not_500(admin_client, params):
    response = admin_client.get(reverse(SUGGESTION_URL), params)
    assert response.status_code == 200
    assert len(response.json()["slug"]) <= 100


def test_the_suggestion_is_for_staff_who_may_write_only(client, admin_client):
    url = reverse(SUGGESTION_URL)
    assert client.get(url, {"name": "松岭"}).status_code == 302  # to the sign-in page
    client.force_login(get_user_model().objects.create_user("viewer", is_staff=True))
    assert client.get(url, {"name": "松岭"}).status_code == 403
    assert admin_client.post(url, {"name": "松岭"}).status_code == 405


def test_the_language_tabs_get_their_names_and_the_required_languages_their_mark(admin_client):
    attraction = make_attraction()
    page = admin_client.get(reverse("admin:attractions_attraction_change", args=[attraction.pk])).content.decode()
    assert "js/admin-languages.js" in page
    assert "中文" in page and "한국어" in page and "并排显示四种语言" in page  # the script's words, in Chinese
    assert page.index("tabbed_translation_fields.js") < page.index("js/admin-languages.js")  # after the tabs
    required = set(re.findall(r'<[^>]*data-language-required="true"[^>]*id="(id_[^"]+)"', page))
    required |= set(re.findall(r'<[^>]*id="(id_[^"]+)"[^>]*data-language-required="true"', page))
    assert "id_name_zh_hans" in required
    assert "id_name_en" not in required and "id_summary_zh_hans" not in required
    # The labels seen without JavaScript, also in the photo table.
    assert "名称 [中文]" in page and "替代文字 [Русский]" in page and "[zh-hans]" not in page
