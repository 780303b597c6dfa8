"""What every part of the corridor shares: the counties along the road, sources,
and the abstract pieces of a published place."""

from .choices import Confidence, Season, Status, Theme
from .counties import CountyAssignment, Region, RegionQuerySet
from .facts import TOPIC_ORDER, DatedFact, DatedFactQuerySet, FactTopic, has_facts_to_check
from .listing import (
    SLUG_HELP_TEXT,
    CardFact,
    PlaceModel,
    PlaceQuerySet,
    PublishableModel,
    PublishableQuerySet,
    SeasonsMixin,
    TimeStampedModel,
    choice_labels,
    seasons_field,
)
from .redirects import SlugRedirect, SlugRedirectQuerySet
from .reviews import PendingRevision, ReviewDecision
from .sources import (
    CONFIDENCE_BY_SOURCE_KIND,
    CONFIDENCE_SHORT,
    ONE_STEP_DOWN,
    SOURCE_AGES_AFTER_YEARS,
    Source,
    SourceKind,
    years_before,
)

__all__ = [
    "CONFIDENCE_BY_SOURCE_KIND",
    "CONFIDENCE_SHORT",
    "ONE_STEP_DOWN",
    "SLUG_HELP_TEXT",
    "SOURCE_AGES_AFTER_YEARS",
    "TOPIC_ORDER",
    "CardFact",
    "Confidence",
    "CountyAssignment",
    "DatedFact",
    "DatedFactQuerySet",
    "FactTopic",
    "PendingRevision",
    "PlaceModel",
    "PlaceQuerySet",
    "PublishableModel",
    "PublishableQuerySet",
    "Region",
    "RegionQuerySet",
    "ReviewDecision",
    "Season",
    "SeasonsMixin",
    "SlugRedirect",
    "SlugRedirectQuerySet",
    "Source",
    "SourceKind",
    "Status",
    "Theme",
    "TimeStampedModel",
    "choice_labels",
    "has_facts_to_check",
    "seasons_field",
    "years_before",
]
