"""Fixtures shared by every app's tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _reset_language():
    """Each test starts in the default language, whatever the previous one activated."""
    translation.activate("zh-hans")
    yield
    translation.deactivate()


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-test-password")
