"""No stampede: right after an edit, twenty visitors at once cost one rendering of the page; the others get the
stale copy (or wait for the fresh one). Real threads against a live server, the page cache on in Redis; the
renderings are counted by the page cache itself, in Redis (corridor_portal.cache.RENDERS_KEY)."""

import threading
import time
import urllib.request
from collections import Counter

import pytest
from django.test import override_settings

from attractions.tests.factories import make_attraction
from corridor_portal import cache as page_cache
from corridor_portal.tests.test_page_cache import shared_cache  # noqa: F401 -- the page cache on, in Redis
from listings.tests.factories import make_region

pytestmark = pytest.mark.django_db(transaction=True)

VISITORS = 20


def renders():
    return page_cache.page_cache().get(page_cache.RENDERS_KEY) or 0


def get(url):
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 -- the test's own live server
        return response.status, response.headers.get(page_cache.CACHE_STATUS_HEADER), response.read().decode()


def all_at_once(url):
    """VISITORS requests started together (a barrier); their (status, X-Page-Cache, body)."""
    barrier = threading.Barrier(VISITORS)
    answers = [None] * VISITORS

    def visit(i):
        barrier.wait()
        answers[i] = get(url)

    threads = [threading.Thread(target=visit, args=(i,)) for i in range(VISITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


@pytest.fixture
def gate():
    return make_attraction(
        region=make_region("hunchun"), slug="fangchuan-gate", name_zh_hans="防川国门", name_en="Fangchuan Gate"
    )


def test_twenty_requests_right_after_an_edit_render_the_page_once(live_server, gate):
    url = f"{live_server.url}/en/attractions/fangchuan-gate/"
    assert get(url)[1] == "miss"
    assert get(url)[1] == "hit"

    gate.name_en = "Fangchuan National Gate"
    gate.save()
    before = renders()
    answers = all_at_once(url)

    assert renders() - before == 1
    assert [status for status, _header, _body in answers] == [200] * VISITORS
    headers = Counter(header for _status, header, _body in answers)
    assert headers["miss"] == 1, headers
    assert set(headers) <= {"miss", "stale", "hit"}, headers
    for _status, header, body in answers:  # the stale copy is the page as it was, the others the new one
        assert ("Fangchuan National Gate" in body) == (header != "stale"), header
    _status, header, body = get(url)
    assert header == "hit"
    assert "Fangchuan National Gate" in body


def test_with_the_refresh_after_the_answer_nobody_waits_for_the_render(live_server, gate):
    """The request that takes the stale page's lock answers with the stale copy too; the page is rendered once, in
    the refresher thread, and the next visitor gets the new page."""
    url = f"{live_server.url}/en/attractions/fangchuan-gate/"
    get(url)
    gate.name_en = "Fangchuan National Gate"
    gate.save()
    before = renders()
    with override_settings(PAGE_CACHE_REFRESH_IN_BACKGROUND=True):
        answers = all_at_once(url)
        deadline = time.monotonic() + 30
        while renders() == before and time.monotonic() < deadline:
            time.sleep(0.05)
    page_cache.close_refresher_connections()  # kept for CONN_MAX_AGE otherwise: the test database must go
    headers = Counter(header for _status, header, _body in answers)
    # Nobody got a page rendered for them ("miss"): the stale copy, or the new page once the thread had stored it.
    assert set(headers) <= {"stale", "hit"} and headers["stale"] >= 1, headers
    for _status, header, body in answers:
        assert ("Fangchuan National Gate" in body) == (header == "hit"), header
    assert renders() - before == 1
    _status, header, body = get(url)
    assert header == "hit"
    assert "Fangchuan National Gate" in body


def test_twenty_first_requests_for_a_page_nobody_has_yet_render_it_once(live_server, gate):
    """No copy at all: the others wait for the one rendering (given the time this busy machine needs for it)."""
    url = f"{live_server.url}/en/attractions/?sort=name"
    before = renders()
    with override_settings(PAGE_CACHE_WAIT_SECONDS=20):
        answers = all_at_once(url)
    assert renders() - before == 1
    assert [status for status, _header, _body in answers] == [200] * VISITORS
    headers = Counter(header for _status, header, _body in answers)
    assert headers == {"miss": 1, "hit": VISITORS - 1}, headers
    assert all("Fangchuan Gate" in body for _status, _header, body in answers)


def test_a_stale_copy_older_than_the_bound_is_not_served(live_server, gate):
    """Past PAGE_CACHE_STALE_SECONDS the visitors wait for the fresh page instead of getting the old one."""
    url = f"{live_server.url}/en/attractions/fangchuan-gate/"
    get(url)
    gate.name_en = "Fangchuan National Gate"
    gate.save()
    with override_settings(PAGE_CACHE_STALE_SECONDS=0, PAGE_CACHE_WAIT_SECONDS=20):
        answers = all_at_once(url)
    headers = Counter(header for _status, header, _body in answers)
    assert "stale" not in headers, headers
    assert all("Fangchuan National Gate" in body for _status, _header, body in answers)
