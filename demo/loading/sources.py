"""Sources given as page addresses in the demo data (ports-tourism.csv, events.csv), as Source rows.

The fact sheets name most sources by key (S1–S66, in sources.csv); the newer sheets give the page
addresses themselves. Each address becomes a Source whose key is derived from the address, so the
same address always has the same key, whichever file or row it comes from and in whatever order.
"""

import hashlib

ADDRESS_KEY_PREFIX = "W"


def address_key(address):
    """A short stable key for a page address, e.g. "W3FA9C21"."""
    return ADDRESS_KEY_PREFIX + hashlib.sha1(address.encode(), usedforsecurity=False).hexdigest()[:7].upper()


def split_addresses(cell):
    """The page addresses of a `sources` cell (separated by ";"), in order, without repeats."""
    return list(dict.fromkeys(part.strip() for part in cell.split(";") if part.strip()))
