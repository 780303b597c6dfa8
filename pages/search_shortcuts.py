"""The traveller's words that lead the site-wide search to a page rather than to a listing, in all four languages.

Two tables, one job each:

- USEFUL_PAGES: a word of a practical question (机场, train, 비자, билет…) → the page that answers it (getting
  there, practical facts, before you go). A page whose URL is not there yet (another app not merged) is left out.
- GATEWAYS: the names a traveller gives a city or county (延吉, Yanji, 옌지, 연길, Яньцзи), with the Chinese name its
  hubs and listings are found by, and the corridor counties it belongs to or lies beside.

Words in Chinese, Japanese or Korean script match anywhere in the query (机场 in 延吉机场); other words match whole
words only ("train", not "training").
"""

import re
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from listings.search import WIDE_RUN, normalize_for_search


@dataclass(frozen=True)
class UsefulPage:
    url_name: str
    title: str
    words: tuple

    def url(self):
        """The page's address, or "" while its app is not installed."""
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return ""


USEFUL_PAGES = (
    UsefulPage(
        "hubs:list",
        _("Getting there: airports and railway stations"),
        (
            # zh
            "机场",
            "飞机",
            "航班",
            "高铁",
            "火车",
            "火车站",
            "动车",
            "交通",
            # en
            "airport",
            "airports",
            "flight",
            "flights",
            "high-speed rail",
            "train",
            "trains",
            "railway",
            "station",
            "getting there",
            # ko
            "공항",
            "비행기",
            "항공편",
            "고속철도",
            "고속철",
            "기차",
            "기차역",
            "열차",
            # ru
            "аэропорт",
            "аэропорты",
            "самолет",
            "рейс",
            "поезд",
            "поезда",
            "скоростной",
            "вокзал",
            "станция",
        ),
    ),
    UsefulPage(
        "advice:practical_facts",
        _("Practical facts: tickets and opening hours"),
        (
            "门票",
            "票价",
            "开放时间",
            "营业时间",
            "ticket",
            "tickets",
            "opening hours",
            "admission",
            "입장권",
            "티켓",
            "입장료",
            "개방 시간",
            "운영 시간",
            "билет",
            "билеты",
            "часы работы",
            "вход",
        ),
    ),
    UsefulPage(
        "advice:before_you_go",
        _("Before you go: visas, passports and border rules"),
        (
            "签证",
            "护照",
            "边境",
            "边防",
            "证件",
            "通行证",
            "visa",
            "visas",
            "passport",
            "passports",
            "border",
            "border pass",
            "비자",
            "여권",
            "국경",
            "통행증",
            "신분증",
            "виза",
            "визы",
            "паспорт",
            "паспорта",
            "граница",
            "пограничный",
        ),
    ),
)


@dataclass(frozen=True)
class Gateway:
    """A city or county as a traveller names it: its Chinese name (what its hubs and listings are called by) and
    the corridor counties (slugs) it is, or lies next to."""

    name_zh: str
    names: tuple
    counties: tuple
    on_corridor: bool = True  # False: a gateway off the road (Yanji), whose counties are those beside it
    label: str = ""  # its name in the page's language, said of a gateway off the road


GATEWAYS = (
    # Yanji is not on the G331: Longjing (south and west) and Tumen (east) border it.
    Gateway("延吉", ("延吉", "延吉市", "yanji", "옌지", "연길", "яньцзи"), ("longjing", "tumen"), False, _("Yanji")),
    Gateway("珲春", ("珲春", "hunchun", "훈춘", "хуньчунь"), ("hunchun",)),
    Gateway("图们", ("图们", "tumen", "투먼", "도문", "тумэнь"), ("tumen",)),
    Gateway("龙井", ("龙井", "longjing", "룽징", "용정", "лунцзин"), ("longjing",)),
    Gateway("和龙", ("和龙", "helong", "허룽", "화룡", "хэлун"), ("helong",)),
    Gateway("安图", ("安图", "antu", "안투", "안도", "аньту"), ("antu",)),
    Gateway("集安", ("集安", "ji'an", "jian", "지안", "цзиань"), ("jian",)),
    Gateway("临江", ("临江", "linjiang", "린장", "линьцзян"), ("linjiang",)),
    Gateway("浑江", ("浑江", "浑江区", "hunjiang", "훈장구", "хуньцзян"), ("hunjiang",)),
    Gateway("长白", ("长白县", "changbai county", "창바이현", "чанбай"), ("changbai",)),
    Gateway(
        "长白山", ("长白山", "changbaishan", "changbai mountain", "백두산", "창바이산", "чанбайшань"), ("changbaishan",)
    ),
    Gateway("二道白河", ("二道白河", "erdaobaihe", "얼다오바이허", "эрдаобайхэ"), ("antu",)),
    Gateway("松江河", ("松江河", "songjianghe", "쑹장허", "сунцзянхэ"), ("changbaishan",)),
)


def _matches(word, query):
    word = normalize_for_search(word)
    if WIDE_RUN.search(word):
        return word in query
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", query) is not None


def useful_pages(query):
    """[(title, url)] of the pages the query's words ask for, in the table's order; those not built yet left out."""
    text = normalize_for_search(query)
    pages = []
    for page in USEFUL_PAGES:
        if any(_matches(word, text) for word in page.words):
            url = page.url()
            if url:
                pages.append((page.title, url))
    return pages


def gateway_for(query):
    """The Gateway the query names (the whole query, or a name in it), or None."""
    text = normalize_for_search(query)
    for gateway in GATEWAYS:
        if any(_matches(name, text) for name in gateway.names):
            return gateway
    return None
