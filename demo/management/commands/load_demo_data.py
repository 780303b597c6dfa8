"""Load the portal's demo data: the counties along the G331 in Jilin, the sources, 34 attractions,
17 border villages and the demo Border Tours (`demo/data/corridor/`, see its README.md), and the places to stay a
source names (`demo/data/practical/stays.json`). Idempotent:

- without options it loads the data into an empty database; once any county exists it changes
  nothing (`make run` calls it on every start and must not overwrite what editors changed);
- `--update` makes the demo rows match the files again: rows are found by slug (sources by key),
  and a row is saved only when a field the files describe differs, so running it twice changes
  nothing the second time;
- `--reset` deletes the demo rows first (see `delete_demo_rows`), then loads the files again.
"""

from django.core.management.base import BaseCommand

from demo.loading import corridor, stays
from demo.loading.common import Writer, add_load_options, writing
from demo.loading.corridor_files import read_demo_data


class Command(BaseCommand):
    help = (
        "Load the demo counties, sources, attractions, villages and Border Tours from "
        "demo/data/corridor/. Does nothing once the database holds any county, unless "
        "--update (re-apply the files over the demo rows) or --reset (delete the demo rows and load "
        "them again) is given. --reset deletes the demo Border Tours, attractions and villages (by their "
        "demo slugs) and the demo counties and sources nothing else refers to."
    )

    def add_arguments(self, parser):
        add_load_options(parser)

    def handle(self, *args, reset=False, update=False, **options):
        if not (reset or update) and corridor.is_loaded():
            self.stdout.write(corridor.ALREADY_LOADED)
            return
        data = read_demo_data()
        stay_rows = stays.read_stays()  # demo/data/practical/stays.json: the places to stay a source names
        writer = Writer()
        with writing():
            if reset:
                stays.delete_demo_stays(stay_rows)  # first: a stay holds on to its county
                corridor.delete_demo_rows(data)
            corridor.write_demo_data(data, writer)
            stays.write_stays(writer, stay_rows)
        self.stdout.write(
            f"Demo data: {len(data.regions)} regions, {len(data.sources)} sources, "
            f"{len(data.attractions)} attractions, {len(data.villages)} villages, {len(data.tours)} Border Tours, "
            f"{len(data.hubs)} airports and stations and {len(stay_rows)} places to stay ({writer.summary()})."
        )
