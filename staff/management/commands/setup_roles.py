from django.core.management.base import BaseCommand

from staff.roles import setup_roles


class Command(BaseCommand):
    help = "Create or update the staff groups (province editors, county editors, publishers) and their permissions."

    def handle(self, *args, **options):
        setup_roles(verbosity=max(options["verbosity"], 1), stdout=self.stdout)
