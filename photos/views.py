"""Uploaded photos served by the application itself, when nginx does not (settings.SERVE_MEDIA)."""

import posixpath
from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404
from django.views import static
from django.views.decorators.http import require_safe

from .models import PENDING_UPLOADS_DIR

# Uploaded photos as `make run` serves them (in production nginx does, see docs/deploy.md). Only image
# files, each with its own content type, never sniffed and never run as a page or a script.
MEDIA_CONTENT_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


@require_safe
def serve_media(request, path):
    """A photo or rendition from MEDIA_ROOT, with headers that keep it an image."""
    content_type = MEDIA_CONTENT_TYPES.get(PurePosixPath(path).suffix.lower())
    # Photos kept from a form that failed to save are shown only to their editor, inside the form.
    if content_type is None or posixpath.normpath(path).lstrip("/").startswith(f"{PENDING_UPLOADS_DIR}/"):
        raise Http404
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
