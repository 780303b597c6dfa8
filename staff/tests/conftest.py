import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test stores its files in its own folder, never in the repository's media/."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def tiny_jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (70, 130, 180)).save(buffer, "JPEG")
    return SimpleUploadedFile("tiny.jpg", buffer.getvalue(), content_type="image/jpeg")
