"""A trip as it travels in an address: `?items=attractions:fangchuan@1,routes:three-countries@2`.

The trip lives on the visitor's device (localStorage, static/js/trip.js); the server never stores it. The address
is the whole trip, so a share link opens the same trip anywhere, with or without JavaScript. Each item is a kind
of listing (its app label, as listings.kinds registers it), a slug and the day of the trip it is planned for.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import BadRequest

MAX_ITEMS = 50
MAX_DAYS = 30
# Longer than 50 items of the longest kind and slug could be: anything longer is not a trip.
MAX_LENGTH = MAX_ITEMS * 120
ITEM = re.compile(r"(?P<kind>[a-z][a-z_]{0,39}):(?P<slug>[-a-zA-Z0-9_]{1,100})(?:@(?P<day>[0-9]{1,2}))?")


@dataclass(frozen=True)
class TripItemRef:
    """One saved item as the address names it: what it is, not yet whether it exists."""

    kind: str
    slug: str
    day: int = 1

    def __str__(self):
        return f"{self.kind}:{self.slug}@{self.day}"


def parse_items(raw):
    """The items of an `items` parameter, in order; a repeated item counts once (its first day).

    Raises BadRequest (a 400 page) for what no trip link ever holds: control characters, an item that is not
    `kind:slug@day`, a day outside 1-30, more than 50 items."""
    raw = (raw or "").strip()
    if not raw:
        return []
    if len(raw) > MAX_LENGTH or any(ord(character) < 32 for character in raw):
        raise BadRequest("This trip link is damaged.")
    parts = [part.strip() for part in raw.split(",") if part.strip()]
    if len(parts) > MAX_ITEMS:
        raise BadRequest(f"A trip holds at most {MAX_ITEMS} items.")
    refs, seen = [], set()
    for part in parts:
        match = ITEM.fullmatch(part)
        if match is None:
            raise BadRequest("This trip link is damaged.")
        day = int(match["day"] or 1)
        if not 1 <= day <= MAX_DAYS:
            raise BadRequest(f"A trip has days 1 to {MAX_DAYS}.")
        if (match["kind"], match["slug"]) in seen:
            continue
        seen.add((match["kind"], match["slug"]))
        refs.append(TripItemRef(match["kind"], match["slug"], day))
    return refs


def items_param(refs):
    """The `items` parameter of these items, in their order (the inverse of parse_items)."""
    return ",".join(str(ref) for ref in refs)
