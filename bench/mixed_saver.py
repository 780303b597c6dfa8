"""The editor of the mixed load (bench/mixed.py): saves one published attraction or village every few seconds.

    DATABASE_URL=… .venv/bin/python bench/mixed_saver.py --seconds 30 [--every 5]

A real save through the ORM, as the admin's would be: a published attraction or village (in turn), its
Chinese description changed (a sentence end added or taken off again, so the text stays the same length across
runs) and `save()`, so every signal runs — the page cache's invalidation, the search columns, the history. Run in
a process of its own, with the server's settings (the same database and Redis), while wrk loads the server.
Prints `ready` once Django is set up, then saves at ½, 1½, 2½… × `every` seconds until `seconds` have passed;
then prints one line of JSON: {"saves": n, "failed": n, "seconds_per_save": s}.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A full stop, added or taken off: a change the pages show, never a growing text.
MARK = "。"


def changed(text):
    return text.removesuffix(MARK) if text.endswith(MARK) else text + MARK


def save_one(models, turn, field="description"):
    """Change and save the next published attraction or village (its Chinese `field`); what was saved."""
    model = models[turn % len(models)]
    published = model.objects.published().order_by("pk")
    count = published.count()
    if not count:
        return None
    listing = published[(turn // len(models)) % count]
    column = f"{field}_zh_hans"
    setattr(listing, column, changed(getattr(listing, column) or ""))
    listing.save()
    return listing


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--every", type=float, default=5.0)
    # The description: the editors' everyday edit, shown on the listing's own page only (and searched). The summary:
    # shown on every card of the listing (lists, home, maps, the places near it), so nearly every page goes stale.
    parser.add_argument("--field", choices=("description", "summary"), default="description")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor_portal.settings")
    import django

    django.setup()
    from attractions.models import Attraction
    from villages.models import Village

    models = [Attraction, Village]
    print("ready", flush=True)  # bench/mixed.py starts wrk now: Django's start-up is not part of the schedule
    started = time.monotonic()
    saves, failed, spent = 0, 0, 0.0
    turn = 0
    while True:
        # Half a period in, then every period: 2.5, 7.5, 12.5 and 17.5 s in 20 s, all inside the load.
        due = started + (turn + 0.5) * args.every
        if due >= started + args.seconds:
            break
        time.sleep(max(0.0, due - time.monotonic()))
        before = time.monotonic()
        try:
            if save_one(models, turn, args.field) is not None:
                saves += 1
        except Exception as error:  # a failed save is counted and said, the load goes on
            failed += 1
            print(f"save failed: {error!r}", file=sys.stderr)
        spent += time.monotonic() - before
        turn += 1
    print(json.dumps({"saves": saves, "failed": failed, "seconds_per_save": spent / max(1, saves + failed)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
