"""What `make bench` measures (bench/run.py): the pages, the first of them the yardstick of every ratio, and the
synthetic data sets they are served from (manage.py generate_scale_data)."""

import urllib.parse

PAGES = [
    ("minimal Django page", "/bench/minimal/"),
    ("home", "/"),
    ("attractions", "/attractions/"),
    ("attractions, 3 filters", "/attractions/?county=hunchun&season=winter&category=natural"),
    ("search 雪村", "/search/?q=" + urllib.parse.quote("雪村")),
    ("search songling", "/search/?q=songling"),
    ("attraction page", "/attractions/synthetic-attraction-1/"),
    ("route page", "/routes/synthetic-route-1/"),
    ("list map data", "/attractions/map.geojson?county=hunchun"),
]
DETAIL_PAGES = {"attraction page", "route page"}
# The pages whose cost must not grow with the table (500 vs 50,000 attractions), uncached.
SCALE_PAGES = ["attractions", "attractions, 3 filters", "search 雪村", "search songling"]
DATASETS = {
    "main": ("corridor_bench", ["--attractions", "5000", "--villages", "1000", "--routes", "200"]),
    "500": ("corridor_bench_500", ["--attractions", "500", "--villages", "100", "--routes", "20"]),
    "50k": ("corridor_bench_50k", ["--attractions", "50000", "--villages", "1000", "--routes", "200"]),
}
