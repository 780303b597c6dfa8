"""The ports app's models, one module for each thing they hold: the ports themselves (ports.py), the rules
for crossing at them (rules.py) and the border-area notes (notes.py). Everything is named here, so
`from ports.models import …` does not need to know which module a name lives in."""

# How old a status is: the rule every dated fact follows (listings.dating), named here as before.
from listings.dating import STALE_AFTER_MONTHS, months_before, stale_cutoff

from .facts import PortFact
from .notes import NOTE_TARGETS, BorderNote, BorderNoteQuerySet, NoteKind, exactly_one_target, is_placed
from .ports import (
    CROSSING_ANSWER_SHORT,
    BorderLine,
    Country,
    Crossing,
    CrossingAnswer,
    DatePrecision,
    PortKind,
    PortOfEntry,
    PortQuerySet,
    StatusCheck,
    border_lines,
)
from .rules import CrossingRule, RuleState, rules_as_of

__all__ = [
    "CROSSING_ANSWER_SHORT",
    "NOTE_TARGETS",
    "STALE_AFTER_MONTHS",
    "BorderLine",
    "BorderNote",
    "BorderNoteQuerySet",
    "Country",
    "Crossing",
    "CrossingAnswer",
    "CrossingRule",
    "DatePrecision",
    "NoteKind",
    "PortFact",
    "PortKind",
    "PortOfEntry",
    "PortQuerySet",
    "RuleState",
    "StatusCheck",
    "border_lines",
    "exactly_one_target",
    "is_placed",
    "months_before",
    "rules_as_of",
    "stale_cutoff",
]
