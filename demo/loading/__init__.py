"""The one library the demo commands load with, a module per kind of data.

- `common`: reading the files, the translated columns, `Writer` (a row is saved only when it differs);
- `sources`: page addresses as sources with a stable key;
- `corridor_files` reads and checks `data/corridor/` (counties, sources, attractions, villages, Border Tours),
  `corridor` writes it; `ports` and `events` read and write `data/ports/` and `data/events/`;
- `photos`: the drawn stand-ins for photos; `scale`: the synthetic data of the benchmarks.

Each command in `demo/management/commands/` is a thin `BaseCommand` over one of these modules.
"""
