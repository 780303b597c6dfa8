"""How long the renditions of a 12-megapixel photo take, and how many image bytes a phone downloads.

Run: .venv/bin/python bench/photos.py [--runs 5]

The photos are generated (no real photos here): a drawn landscape with film-grain noise, which makes
the encoders work about as hard as on a camera photo. Files go to a temporary MEDIA_ROOT; no database.
The phone is 360 CSS px wide at device pixel ratio 2: a card or the lead photo is 328 px wide
(100vw - 2rem), so the browser needs 656 device pixels and takes the narrowest WebP at least that wide
(browsers may take a narrower one; this is the upper bound). "Eager" is the one image a page fetches
at once with high priority; the others are lazy, fetched as the visitor scrolls near them.
"""

import argparse
import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor_portal.settings")
os.environ["DJANGO_MEDIA_ROOT"] = MEDIA_ROOT = tempfile.mkdtemp(prefix="g331-bench-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)

import django  # noqa: E402

django.setup()

import io  # noqa: E402

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from PIL import Image  # noqa: E402

from attractions.models import AttractionPhoto  # noqa: E402
from photos import illustrations, images  # noqa: E402

PHONE_WIDTH, DPR, PAGE_MARGIN = 360, 2, 32
CARDS_PER_LIST_PAGE = 24
PHOTOS_PER_DETAIL_PAGE = 4
DISTINCT_PHOTOS = 6


def camera_like_jpeg(seed, size=(4000, 3000)):
    """A 12-megapixel JPEG as a phone would send it (quality 92), with grain so it compresses like a photo."""
    scene = illustrations.Scene.ALL[seed % len(illustrations.Scene.ALL)]
    landscape = illustrations.draw_scene(f"bench-{seed}", scene).resize(size)
    # Texture at several scales (foliage, rock, grain): fine noise alone would vanish when scaled down.
    texture = Image.effect_noise(size, 30)
    for divisor in (4, 16):
        coarse = Image.effect_noise((size[0] // divisor, size[1] // divisor), 60).resize(size, Image.Resampling.BICUBIC)
        texture = Image.blend(texture, coarse, 0.5)
    picture = Image.blend(landscape, texture.convert("RGB"), 0.25)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def store(jpeg, name):
    """What PhotoModel.save() does, timed: clean and store the original, then make the renditions."""
    started = time.perf_counter()
    content, picture = images.clean_original(ContentFile(jpeg, name=name))
    stored = default_storage.save(f"photos/bench/{content.name}", content)
    cleaned = time.perf_counter()
    photo = AttractionPhoto(image=stored, width=picture.width, height=picture.height)
    images.make_renditions(photo, picture)
    done = time.perf_counter()
    return photo, cleaned - started, done - cleaned


def chosen_bytes(photo, slot_css_px):
    """Bytes of the WebP rendition a phone picks for an image shown `slot_css_px` wide."""
    needed = slot_css_px * DPR
    widths = [width for width, _ in photo.renditions]
    width = next((w for w in widths if w >= needed), widths[-1])
    return width, default_storage.size(images.rendition_name(photo.image.name, width, "webp"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the 12-megapixel photo (median shown)")
    args = parser.parse_args()

    jpeg = camera_like_jpeg(0)
    timings = [store(jpeg, f"run-{run}.jpg")[1:] for run in range(args.runs)]
    clean_s = statistics.median(t[0] for t in timings)
    renditions_s = statistics.median(t[1] for t in timings)

    photos = [store(camera_like_jpeg(seed), f"photo-{seed}.jpg")[0] for seed in range(DISTINCT_PHOTOS)]
    originals = [default_storage.size(photo.image.name) for photo in photos]
    slot = PHONE_WIDTH - PAGE_MARGIN
    picks = [chosen_bytes(photo, slot) for photo in photos]
    card = [picks[i % DISTINCT_PHOTOS][1] for i in range(CARDS_PER_LIST_PAGE)]
    detail = [picks[i % DISTINCT_PHOTOS][1] for i in range(PHOTOS_PER_DETAIL_PAGE)]
    before_list = sum(originals[i % DISTINCT_PHOTOS] for i in range(CARDS_PER_LIST_PAGE))

    widths = ", ".join(str(width) for width, _ in photos[0].renditions)
    print(f"12-megapixel photo ({len(jpeg) / 2**20:.1f} MB JPEG), median of {args.runs} runs:")
    print(f"  {'decode, turn upright, strip, re-encode the original':<52}{clean_s:6.2f} s")
    print(f"  {f'renditions {widths} in WebP + JPEG':<52}{renditions_s:6.2f} s")
    print(f"  {'total when the photo is saved':<52}{clean_s + renditions_s:6.2f} s")
    print()
    print(f"Phone {PHONE_WIDTH} px wide, DPR {DPR}: image slot {slot} px -> WebP {picks[0][0]} w")
    row("page", "eager image", "scrolled to the end")
    row(f"list page ({CARDS_PER_LIST_PAGE} cards)", kilobytes(card[0]), kilobytes(sum(card)))
    row(f"detail page ({PHOTOS_PER_DETAIL_PAGE} photos)", kilobytes(detail[0]), kilobytes(sum(detail)))
    row("list page with the originals (before)", kilobytes(originals[0]), kilobytes(before_list))
    print()
    sizes = [
        (width, default_storage.size(images.rendition_name(photos[0].image.name, width, "webp")))
        for width, _ in photos[0].renditions
    ]
    print("WebP renditions of one photo: " + ", ".join(f"{width} w {kilobytes(size)}" for width, size in sizes))


def kilobytes(size):
    return f"{size / 1024:.0f} KB"


def row(page, eager, scrolled):
    print(f"  {page:<44}{eager:>14}{scrolled:>22}")


if __name__ == "__main__":
    main()
