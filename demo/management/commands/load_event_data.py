"""Load the events of `demo/data/events/events.csv` (festivals, folk celebrations, winter and sports events).

Run after `load_demo_data` (events need its counties, attractions and villages). Idempotent like it:
without options it does nothing once any event exists; `--update` makes the demo events match the
files again (saving only what differs); `--reset` deletes the demo events and loads them again.
"""

from django.core.management.base import BaseCommand

from demo.loading import events
from demo.loading.common import Writer, add_load_options, writing


class Command(BaseCommand):
    help = (
        "Load the demo events from demo/data/events/ (after load_demo_data). Does nothing once any event exists, "
        "unless --update (re-apply the files over the demo events) or --reset (delete and reload them)."
    )

    def add_arguments(self, parser):
        add_load_options(parser)

    def handle(self, *args, reset=False, update=False, **options):
        if not (reset or update) and events.is_loaded():
            self.stdout.write(events.ALREADY_LOADED)
            return
        rows = events.read_events()
        writer = Writer()
        with writing():
            if reset:
                events.delete_demo_events(rows)
            events.write_events(writer, rows)
        self.stdout.write(f"Events: {len(rows)} events ({writer.summary()}).")
