"""Settings for the test run: the real PostgreSQL, but fast password hashing."""

import uuid

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    # Tests render pages without running collectstatic first.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the apps' folders, as runserver does, without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Every test client comes from 127.0.0.1 and several test runs share one Redis: the abuse limits are off
# here, and the tests of the limits turn them on with override_settings.
RATE_LIMITS = {}
# Tests share one Redis and reuse addresses with different rows: no page cache, except in the tests of the
# cache itself (corridor_portal/tests/test_page_cache.py), which turn it on with their own Redis database.
PAGE_CACHE_ENABLED = False
FACET_CACHE_ENABLED = False
FRAGMENT_CACHE_ENABLED = False  # the tests of listings/fragments.py turn it on
# A thread of its own does not see a test's transaction: the stale page's holder renders it at once, except in the
# test of that thread (corridor_portal/tests/test_page_cache_stampede.py), whose rows are committed.
PAGE_CACHE_REFRESH_IN_BACKGROUND = False
# Page views go from the buffer straight to PostgreSQL; the tests of the Redis path set their own Redis and prefix.
PAGE_VIEWS = {"ENABLED": True, "REDIS_URL": "", "KEY_PREFIX": "test:pageviews"}
# Test runs share one Redis with each other and with `make run`: each run keeps its cache keys (rate limits,
# the page views' once-a-day marks and their daily secret) apart, so parallel runs never count for each other.
if CACHES["default"]["BACKEND"].endswith("RedisCache"):  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex[:12]}"  # noqa: F405
