import re
import unicodedata

from django.db import migrations
from pypinyin import lazy_pinyin, load_phrases_dict

# The search columns as they were computed when this migration was written (2026-11-26): the portal's own
# computation may change, what this migration did must not. Copied from corridor_portal.models of then.
LANGUAGE_COLUMNS = ("zh_hans", "en", "ko", "ru")
TEXT_FIELDS = ("summary", "description")
SEARCH_COLUMNS = ("search_pinyin", "search_names", "search_text", "search_grams")
WIDE_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
PLACE_READINGS = {"珲春": [["hún"], ["chūn"]], "集安": [["jí"], ["ān"]], "长白": [["cháng"], ["bái"]]}


def pinyin_for_search(chinese_name):
    """松岭雪村 -> "song ling xue cun songlingxuecun"."""
    syllables = " ".join(lazy_pinyin(chinese_name or "")).lower()
    syllables = unicodedata.normalize("NFKD", syllables.replace("v", "u"))
    words = re.findall(r"[a-z0-9]+", syllables)
    return f"{' '.join(words)} {''.join(words)}".strip()


def translated(row, field):
    return [getattr(row, f"{field}_{code}", "") or "" for code in LANGUAGE_COLUMNS]


def normalize_for_search(text):
    """Lower case without accents: "Chángbái" -> "changbai"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


def short_grams(text):
    """Every one- and two-character piece of the Chinese, Japanese and Korean runs in `text`."""
    grams = set()
    for run in WIDE_RUN.findall(text):
        grams.update(run)
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return sorted(grams)


def county_names(row):
    """The names of the row's county in every language, its slug and pinyin."""
    region = getattr(row, "region", None)
    if region is None:
        return []
    return [*translated(region, "name"), region.slug, pinyin_for_search(getattr(region, "name_zh_hans", "") or "")]


def search_columns(row, name_field):
    pinyin = pinyin_for_search(getattr(row, f"{name_field}_zh_hans", "") or "")
    names = [*translated(row, name_field), (getattr(row, "slug", "") or "").replace("-", " "), pinyin]
    texts = [text for field in TEXT_FIELDS for text in translated(row, field)]
    texts += county_names(row)
    # " | " keeps one name's end from running into the next one's start in a contains match.
    search_names = normalize_for_search(" | ".join(name for name in names if name))
    search_text = normalize_for_search(" | ".join(text for text in texts if text))
    return {
        "search_pinyin": pinyin,
        "search_names": search_names,
        "search_text": search_text,
        "search_grams": short_grams(f"{search_names} | {search_text}"),
    }


def fill_search_columns(apps, schema_editor):
    """Fill the search columns of the rows already there, now with their county's names."""
    model = apps.get_model("events", "event")
    rows = list(model.objects.select_related("region"))
    if rows:
        load_phrases_dict(PLACE_READINGS)  # pypinyin has one dictionary per process: only when there is work
    for row in rows:
        for column, value in search_columns(row, "name").items():
            setattr(row, column, value)
    model.objects.bulk_update(rows, list(SEARCH_COLUMNS), batch_size=500)


class Migration(migrations.Migration):
    """The search columns also hold the names of the listing's county (county_names above)."""

    dependencies = [("events", "0002_search_columns")]

    operations = [
        migrations.RunPython(fill_search_columns, migrations.RunPython.noop),
    ]
