"""Delete the photos kept for a form's next attempt that nobody came back for (PendingUpload, after a day).

Each new kept photo already clears the expired ones; run this from cron (daily) so that none outlive a quiet week.
"""

from django.core.management.base import BaseCommand

from photos.models import PendingUpload


class Command(BaseCommand):
    help = "Delete the expired photos kept from forms that failed to save (older than a day)."

    def handle(self, *args, **options):
        count = PendingUpload.objects.expired().discard()
        self.stdout.write(f"{count} expired kept photo(s) deleted.")
