"""Photos move to an S3-compatible bucket by environment settings alone."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
storage = storages["default"]
print(json.dumps({
    "backend": type(storage).__module__ + "." + type(storage).__name__,
    "bucket": storage.bucket_name,
    "url": storage.url("photos/2026/11/fangchuan.jpg"),
    "serve_media": settings.SERVE_MEDIA,
}))
"""


def test_s3_bucket_from_the_environment():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "corridor_portal.settings",
        "DJANGO_MEDIA_S3_BUCKET": "g331-photos",
        "DJANGO_MEDIA_S3_ENDPOINT_URL": "https://oss-cn-beijing.aliyuncs.com",
        "DJANGO_MEDIA_S3_CUSTOM_DOMAIN": "img.g331.example.cn",
        "DJANGO_MEDIA_S3_ACCESS_KEY": "test-key",
        "DJANGO_MEDIA_S3_SECRET_KEY": "test-secret",
    }
    output = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    ).stdout
    storage = json.loads(output.strip().splitlines()[-1])
    assert storage["backend"] == "storages.backends.s3.S3Storage"
    assert storage["bucket"] == "g331-photos"
    assert storage["url"] == "https://img.g331.example.cn/photos/2026/11/fangchuan.jpg"
    assert storage["serve_media"] is False


def test_without_a_bucket_photos_stay_on_the_file_system(settings):
    from django.core.files.storage import storages

    assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert type(storages["default"]).__name__ == "FileSystemStorage"
