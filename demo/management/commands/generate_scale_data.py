"""Fill a *separate* database with clearly synthetic listings, for `make bench` (see `demo/loading/scale.py`).

It refuses to run on a database holding real or demo listings: point DATABASE_URL at a database of its own
(`make bench` uses corridor_bench).
"""

from django.core.management.base import BaseCommand
from django.db import connection

from corridor_portal.cache import bump_content_version
from demo.loading import scale


class Command(BaseCommand):
    help = (
        "Generate clearly synthetic attractions, villages and Border Tours (with photos) for the benchmark, "
        "in a database of their own (never the demo database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--attractions", type=int, default=5000)
        parser.add_argument("--villages", type=int, default=1000)
        parser.add_argument("--routes", type=int, default=200)
        parser.add_argument("--seed", type=int, default=331)
        parser.add_argument(
            "--reset", action="store_true", help="Delete the synthetic rows first (otherwise: skip when present)."
        )

    def handle(self, *args, **options):
        scale.refuse_real_data()
        wanted = (options["attractions"], options["villages"], options["routes"])
        if options["reset"]:
            scale.delete_synthetic()
        elif scale.counts() == wanted:
            self.stdout.write(f"Synthetic data already present: {scale.describe(wanted)}.")
            return
        elif any(scale.counts()):
            scale.delete_synthetic()
        scale.Generator(options["seed"]).generate(*wanted)
        bump_content_version()  # bulk_create sends no signals: cached pages must still go stale
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give a real database
        self.stdout.write(f"Generated {scale.describe(scale.counts())} in {connection.settings_dict['NAME']}.")
