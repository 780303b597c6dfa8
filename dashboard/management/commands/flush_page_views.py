from django.core.management.base import BaseCommand

from dashboard import counting


class Command(BaseCommand):
    help = "Move the page views counted in Redis into PostgreSQL (run it every few minutes from cron)."

    def handle(self, *args, **options):
        # What this process itself counted (nothing, usually: the pages are served by gunicorn's workers).
        counting.flush_buffer()
        if counting.redis_client() is None:
            self.stdout.write("No Redis for page views: they are counted straight in PostgreSQL.")
            return
        written = counting.flush()
        self.stdout.write(f"{written} page-view counts added.")
