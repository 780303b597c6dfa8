"""Load the 12 ports of entry of `demo/data/ports/` with their tourist facts and border-area notes.

Run after `load_demo_data` (the ports need its counties, sources and attractions). Idempotent like it:

- without options it loads the ports into a database that has none; once any port exists it changes
  nothing, so editors' changes are never overwritten;
- `--update` makes the demo ports match the files again (rows found by slug; a row is saved only when
  a field the files describe differs, so a second run changes nothing);
- `--reset` deletes the demo ports (with their notes), then loads them again.
"""

from django.core.management.base import BaseCommand

from demo.loading import ports
from demo.loading.common import Writer, add_load_options, writing


class Command(BaseCommand):
    help = (
        "Load the 12 ports of entry from demo/data/ports/ (after load_demo_data). Does nothing once any port "
        "exists, unless --update (re-apply the files over the demo ports) or --reset (delete and reload them)."
    )

    def add_arguments(self, parser):
        add_load_options(parser)

    def handle(self, *args, reset=False, update=False, **options):
        if not (reset or update) and ports.is_loaded():
            self.stdout.write(ports.ALREADY_LOADED)
            return
        rows, notes = ports.read_ports()
        writer = Writer()
        with writing():
            if reset:
                ports.delete_demo_ports(rows)
            ports.write_ports(writer, rows, notes)
        self.stdout.write(f"Ports: {len(rows)} ports of entry, {len(notes)} border-area notes ({writer.summary()}).")
