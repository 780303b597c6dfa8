"""Load the practical facts of `demo/data/practical/`: the Changbai Mountain facts (on the mountain's attraction)
and the rules for travellers of the "Before you go" page (travel-rules.csv and road.csv).

Run after `load_demo_data` (the facts need its attractions). Idempotent like it:

- without options it loads into a database that has no rule for travellers; once any exists it changes nothing,
  so editors' changes are never overwritten;
- `--update` makes the demo facts and rules match the files again (a row is saved only when a field the files
  describe differs, so a second run changes nothing);
- `--reset` deletes the demo rules and the mountain's facts, then loads them again.
"""

from django.core.management.base import BaseCommand

from demo.loading import practical
from demo.loading.common import Writer, add_load_options, writing


class Command(BaseCommand):
    help = (
        "Load the Changbai Mountain facts and the rules for travellers from demo/data/practical/ (after "
        "load_demo_data). Does nothing once any rule exists, unless --update or --reset."
    )

    def add_arguments(self, parser):
        add_load_options(parser)

    def handle(self, *args, reset=False, update=False, **options):
        if not (reset or update) and practical.is_loaded():
            self.stdout.write(practical.ALREADY_LOADED)
            return
        slug, facts = practical.read_changbai()
        rules = practical.read_rules()
        writer = Writer()
        with writing():
            if reset:
                practical.delete_demo_rows(slug, rules)
            practical.write_practical(writer, slug, facts, rules)
        self.stdout.write(
            f"Practical data: {len(facts)} facts on Changbai Mountain, {len(rules)} rules for travellers "
            f"({writer.summary()})."
        )
