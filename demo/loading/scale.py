"""Clearly synthetic listings for `make bench`, in a database of their own.

Every row it makes is marked: names start with “合成” / “Synthetic”, slugs with `synthetic-`. `refuse_real_data`
stops it on a database holding real or demo listings, so it can never mix into them. The counties are the real
ones along the G331 (reference data, read from the demo data files), since the pages are organised by them.

Fast: rows are written with bulk_create (so the search columns are computed here, as save() would), and the
photos reuse a few drawn images whose renditions are made once.
"""

import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from attractions.models import Attraction, AttractionPhoto
from demo.loading.corridor_files import read_regions, read_translations
from listings.models import Region, Season, Status, Theme
from photos import illustrations
from routes.models import Route, RouteDay, RoutePhoto, RouteStop, Transport
from villages.models import Culture, Village, VillagePhoto

SLUG_PREFIX = "synthetic-"
DISTINCT_IMAGES = 6
PHOTO_HOLDER = f"{SLUG_PREFIX}photo-holder"  # a draft that owns the few image files every photo reuses
BATCH = 2000
# Syllables of made-up place names; some names get 雪村 (snow village) and 松岭, which the benchmark searches.
FIRST = "松岭白山长河图们珲春龙井和安临江集红石老岭青云望天金达莱鸭绿"
SUFFIX_ATTRACTION = ["景区", "古城", "瀑布", "峡谷", "口岸", "遗址", "雪场", "湿地"]
SUFFIX_VILLAGE = ["村", "屯", "雪村", "民俗村"]
SEASONS = [value for value, _label in Season.choices]
THEMES = [value for value, _label in Theme.choices]
CULTURES = [value for value, _label in Culture.choices]
LOREM_EN = (
    "A synthetic listing made for the benchmark. It has the length of a real description: a few sentences "
    "about the landscape along the river, how to get there from the county seat, what to see in each season "
    "and where to eat. None of it is true."
)
LOREM_ZH = (
    "这是为性能测试生成的合成条目，内容并不真实。它的长度和真实的介绍差不多：沿江的风景、交通、四季看点和吃饭的地方。"
)


# Safety ----------------------------------------------------------------------------------------


def refuse_real_data():
    real = [
        model.__name__
        for model in (Attraction, Village, Route)
        if model.objects.exclude(slug__startswith=SLUG_PREFIX).exists()
    ]
    if real:
        raise CommandError(
            f"Database {connection.settings_dict['NAME']!r} holds real or demo rows ({', '.join(real)}): "
            "synthetic listings never go there. Give the benchmark a database of its own, e.g. "
            "DATABASE_URL=postgres://corridor:corridor@127.0.0.1:5432/corridor_bench (make bench does)."
        )


def counts():
    """(attractions, villages, Border Tours) of synthetic rows."""
    return tuple(
        model.objects.filter(slug__startswith=SLUG_PREFIX).exclude(slug=PHOTO_HOLDER).count()
        for model in (Attraction, Village, Route)
    )


def describe(counts):
    return "{} attractions, {} villages, {} Border Tours".format(*counts)


def delete_synthetic():
    with transaction.atomic():
        RouteStop.objects.filter(day__route__slug__startswith=SLUG_PREFIX).delete()
        Route.objects.filter(slug__startswith=SLUG_PREFIX).delete()
        Attraction.objects.filter(slug__startswith=SLUG_PREFIX).delete()
        Village.objects.filter(slug__startswith=SLUG_PREFIX).delete()


class Generator:
    """Writes the synthetic rows; the same seed gives the same rows."""

    def __init__(self, seed):
        self.rng = random.Random(seed)  # noqa: S311 - made-up data, the same on every run

    def generate(self, attractions, villages, routes):
        with transaction.atomic():
            regions = self.regions()
            images = self.images(regions[0])
            attraction_rows = self.places(Attraction, attractions, regions, images)
            village_rows = self.places(Village, villages, regions, images)
            self.routes(routes, regions, attraction_rows, village_rows, images)

    # Rows --------------------------------------------------------------------------------------

    def regions(self):
        for row in read_regions(read_translations()):
            Region.objects.update_or_create(**row.lookup, defaults=row.values)
        return list(Region.objects.along_corridor())

    def images(self, region):
        """A few drawn images stored once, renditions made, for every synthetic photo to point at."""
        holder = Attraction.objects.create(
            slug=PHOTO_HOLDER,
            name_zh_hans="合成图片",
            name_en="Synthetic photo holder",
            region=region,
            latitude=region.latitude,
            longitude=region.longitude,
            category=Theme.NATURAL,
            status=Status.DRAFT,
        )
        images = []
        for i in range(DISTINCT_IMAGES):
            scene = illustrations.Scene.ALL[i % len(illustrations.Scene.ALL)]
            jpeg = illustrations.illustration_jpeg(f"synthetic-{i}", scene)
            photo = AttractionPhoto.objects.create(
                attraction=holder, image=ContentFile(jpeg, name=f"synthetic-{i}.jpg"), alt_text_en="Synthetic"
            )
            images.append((photo.image.name, photo.width, photo.height))
        return images

    def name(self, suffixes, n):
        first = "".join(self.rng.sample(FIRST, 2))
        return f"合成{first}{self.rng.choice(suffixes)}{n}", f"Synthetic {first} {n}"

    def places(self, model, count, regions, images):
        kind = model._meta.model_name
        suffixes = SUFFIX_ATTRACTION if model is Attraction else SUFFIX_VILLAGE
        now = timezone.now()
        rows = []
        for n in range(1, count + 1):
            region = self.rng.choice(regions)
            zh, en = self.name(suffixes, n)
            values = {
                "slug": f"{SLUG_PREFIX}{kind}-{n}",
                "name": zh,
                "name_zh_hans": zh,
                "name_en": en,
                "summary_zh_hans": LOREM_ZH[:40],
                "summary_en": LOREM_EN[:90],
                "description_zh_hans": LOREM_ZH * 3,
                "description_en": LOREM_EN * 3,
                "region": region,
                "latitude": region.latitude + self.rng.uniform(-0.25, 0.25),
                "longitude": region.longitude + self.rng.uniform(-0.4, 0.4),
                # One in ten is a draft: the pages must keep filtering them out at scale.
                "status": Status.DRAFT if n % 10 == 0 else Status.PUBLISHED,
                "first_published_at": now - timedelta(days=n % 700),
            }
            if model is Attraction:
                values.update(
                    category=self.rng.choice(THEMES),
                    a_level=self.rng.choice([0, 0, 1, 2, 3, 3, 4, 4, 5]),
                    best_seasons=self.rng.sample(SEASONS, self.rng.randint(0, 2)),
                    ticket_price=self.rng.choice([None, 0, 0, 30, 60, 120]),
                )
            else:
                values.update(culture=self.rng.choice(CULTURES), homestays=self.rng.randint(0, 40))
            row = model(**values)
            row.fill_search_columns()  # bulk_create does not call save()
            rows.append(row)
        created = model.objects.bulk_create(rows, batch_size=BATCH)
        photo_model = AttractionPhoto if model is Attraction else VillagePhoto
        self.photos(photo_model, kind, created, images)
        return [row for row in created if row.status == Status.PUBLISHED]

    def photos(self, photo_model, fk, listings, images):
        rows = []
        for listing in listings:
            for position in range(self.rng.randint(1, 3)):
                name, width, height = self.rng.choice(images)
                rows.append(
                    photo_model(
                        **{fk: listing},
                        image=name,
                        width=width,
                        height=height,
                        position=position,
                        alt_text_zh_hans="合成图片",
                        alt_text_en="A synthetic picture",
                    )
                )
        photo_model.objects.bulk_create(rows, batch_size=BATCH)

    def routes(self, count, regions, attractions, villages, images):
        routes = []
        for n in range(1, count + 1):
            start, end = sorted(self.rng.sample(regions, 2), key=lambda region: region.corridor_order)
            zh = f"合成边境旅游线路{n}"
            routes.append(
                Route(
                    slug=f"{SLUG_PREFIX}route-{n}",
                    title=zh,
                    title_zh_hans=zh,
                    title_en=f"Synthetic Border Tour {n}",
                    summary_en=LOREM_EN[:90],
                    summary_zh_hans=LOREM_ZH[:40],
                    description_en=LOREM_EN * 2,
                    duration_days=self.rng.randint(2, 5),
                    themes=self.rng.sample(THEMES, 2),
                    best_seasons=self.rng.sample(SEASONS, 2),
                    transport=self.rng.choice([value for value, _label in Transport.choices]),
                    start_region=start,
                    end_region=end,
                    status=Status.PUBLISHED,
                    first_published_at=timezone.now(),
                )
            )
        for route in routes:
            route.fill_search_columns()  # bulk_create does not call save()
        routes = Route.objects.bulk_create(routes, batch_size=BATCH)
        days = [
            RouteDay(route=route, number=number, title_en=f"Day {number}", title_zh_hans=f"第{number}天")
            for route in routes
            for number in range(1, route.duration_days + 1)
        ]
        days = RouteDay.objects.bulk_create(days, batch_size=BATCH)
        stops = []
        for day in days:
            for position in range(self.rng.randint(2, 4)):
                if self.rng.random() < 0.7:
                    stops.append(RouteStop(day=day, position=position, attraction=self.rng.choice(attractions)))
                else:
                    stops.append(RouteStop(day=day, position=position, village=self.rng.choice(villages)))
        RouteStop.objects.bulk_create(stops, batch_size=BATCH)
        self.photos(RoutePhoto, "route", routes, images)
