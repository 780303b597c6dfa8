"""Admin pages name things in the staff member's language: a link to the tour a day belongs to is labelled
"边境旅游线路"/"Пограничный тур", never the field's code name "Route"; a version's page names its app as the index
does."""

import pytest
from django.urls import reverse

from attractions.tests.factories import make_attraction
from routes.tests.factories import make_route
from staff.models import StaffPreferences

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "label"), [("zh-hans", "边境旅游线路"), ("ru", "Пограничный тур"), ("en", "Border Tour")]
)
def test_a_days_tour_is_labelled_in_the_language(client, superuser, language, label):
    StaffPreferences.objects.create(user=superuser, admin_language=language)
    client.force_login(superuser)
    day = make_route(days=[[make_attraction()]]).days.first()
    page = client.get(reverse("admin:routes_routeday_change", args=[day.pk])).content.decode()
    assert f'for="id_route">{label}:</label>' in page
    assert 'for="id_route">Route:' not in page


def test_a_versions_page_names_its_app_as_the_index_does(admin_client):
    attraction = make_attraction()
    version = attraction.history.first()
    url = reverse("admin:attractions_attraction_simple_history", args=[attraction.pk, version.history_id])
    page = admin_client.get(url).content.decode()
    breadcrumbs = page.split('<div class="breadcrumbs">')[1].split("</div>")[0]
    assert ">景点</a>" in breadcrumbs
    assert "Attractions" not in breadcrumbs
