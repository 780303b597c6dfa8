"""Drawn stand-ins for photos: a published listing without a photo gets an illustration, credited as one.

The credit marks what this module made, so `--force` redraws those and never touches a real photo.
"""

from django.core.files.base import ContentFile
from django.db import transaction

from attractions.models import Attraction
from photos import illustrations
from photos.illustrations import Scene
from routes.models import Route
from villages.models import Village

# Content, not interface: written into the photo's translated fields like an editor's text.
CREDIT = {
    "zh_hans": "为演示生成的插图",
    "en": "Illustration generated for the demo",
    "ko": "데모용으로 생성한 그림",
    "ru": "Иллюстрация, созданная для демонстрации",
}
ALT_PREFIX = {"zh_hans": "插图：", "en": "Illustration: ", "ko": "그림: ", "ru": "Иллюстрация: "}
# What the drawing shows, said after the listing's name in the alt text.
SCENE_WORDS = {
    Scene.MOUNTAIN_LAKE: {
        "zh_hans": "（示意画：山峰环抱的湖泊）",
        "en": " (a drawing of peaks around a lake)",
        "ko": " (산봉우리에 둘러싸인 호수를 그린 그림)",
        "ru": " (рисунок: озеро среди горных вершин)",
    },
    Scene.RIVER_BORDER: {
        "zh_hans": "（示意画：界河与对岸的山）",
        "en": " (a drawing of a border river and the hills across it)",
        "ko": " (국경 강과 건너편 산을 그린 그림)",
        "ru": " (рисунок: пограничная река и холмы на другом берегу)",
    },
    Scene.VILLAGE: {
        "zh_hans": "（示意画：稻田间的村舍）",
        "en": " (a drawing of farmhouses among paddy fields)",
        "ko": " (논 사이의 농가를 그린 그림)",
        "ru": " (рисунок: деревенские дома среди рисовых полей)",
    },
    Scene.HISTORICAL: {
        "zh_hans": "（示意画：阶梯式石墓与石碑）",
        "en": " (a drawing of a stepped stone tomb and a stele)",
        "ko": " (계단식 돌무덤과 비석을 그린 그림)",
        "ru": " (рисунок: ступенчатая каменная гробница и стела)",
    },
    Scene.WINTER: {
        "zh_hans": "（示意画：雪地与雾凇）",
        "en": " (a drawing of deep snow and rime-covered firs)",
        "ko": " (눈 덮인 들판과 상고대를 그린 그림)",
        "ru": " (рисунок: глубокий снег и ели в инее)",
    },
}

# (model, its name field)
LISTINGS = [(Attraction, "name"), (Village, "name"), (Route, "title")]


def illustrate_listings(model, name_field, force=False):
    """Illustrate each published listing of a kind that has no photo; returns how many were drawn."""
    made = 0
    for listing in model.objects.published():
        with transaction.atomic():
            if force:
                listing.photos.filter(credit_en=CREDIT["en"]).delete()
            if listing.photos.exists():
                continue
            illustrate(listing, name_field)
            made += 1
    return made


def illustrate(listing, name_field):
    names = {code: getattr(listing, f"{name_field}_{code}") or "" for code in CREDIT}
    english = names["en"] or listing.slug.replace("-", " ").title()
    scene = illustrations.scene_for(listing)
    jpeg = illustrations.illustration_jpeg(listing.slug, scene)
    texts = {}
    for code in CREDIT:
        # A language without the name gets no alt text of its own: the page shows the English one, marked as such,
        # rather than an English name inside a Korean or Russian sentence.
        name = names[code] or {"zh_hans": names["zh_hans"], "en": english}.get(code)
        if name:
            texts[f"alt_text_{code}"] = f"{ALT_PREFIX[code]}{name}{SCENE_WORDS[scene][code]}"
        texts[f"credit_{code}"] = CREDIT[code]
    listing.photos.create(image=ContentFile(jpeg, name=f"{listing.slug}-illustration.jpg"), position=0, **texts)
