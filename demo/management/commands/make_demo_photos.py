"""Give every published listing without a photo a drawn illustration, credited as one (`demo/loading/photos.py`)."""

from django.core.management.base import BaseCommand

from demo.loading import photos


class Command(BaseCommand):
    help = (
        "Draw a landscape illustration with its name for each published attraction, village and Border Tour "
        "that has no photo. --force redraws the illustrations made before (real photos are never touched)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Redraw the illustrations this command made.")

    def handle(self, *args, force=False, **options):
        for model, name_field in photos.LISTINGS:
            made = photos.illustrate_listings(model, name_field, force=force)
            self.stdout.write(f"{model._meta.verbose_name_plural}: {made} illustrations")
