"""What the photo tests share: a media folder of their own."""

import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test stores its files in its own folder, never in the repository's media/."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
