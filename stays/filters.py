"""The filters of the list of places to stay: /stays/?q=&county=&kind=&winter=&language=&village=&beds=&sort="""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from listings.filters import ChoiceFilter, FacetedFilterSet, MultipleChoiceFilter
from listings.nearby_filters import NearbyFilterMixin
from villages.models import Village

from .models import SpokenLanguage, Stay, StayKind, WinterOpening

# The option for the places no source gives the languages of (their languages_spoken is NULL).
LANGUAGES_NOT_KNOWN = "unknown"
BED_THRESHOLDS = (2, 4, 10, 30)


class LanguagesSpokenFilter(MultipleChoiceFilter):
    def condition(self, languages):
        # A place whose languages are not known matches no language, only "not known".
        known = [language for language in languages if language != LANGUAGES_NOT_KNOWN]
        condition = Q(languages_spoken__overlap=known) if known else None
        if LANGUAGES_NOT_KNOWN in languages:
            not_known = Q(languages_spoken__isnull=True)
            condition = not_known if condition is None else condition | not_known
        return condition


def at_least_beds(value):
    # Only a known number of beds is at least anything: unknown (NULL) is never counted as enough.
    return Q(beds__gte=int(value))


class StayFilterSet(NearbyFilterMixin, FacetedFilterSet):
    kind = MultipleChoiceFilter(label=_("Kind of stay"), choices=StayKind.choices)
    winter = ChoiceFilter(
        label=_("In winter"), choices=WinterOpening.choices, condition=lambda value: Q(winter_opening=value)
    )
    language = LanguagesSpokenFilter(
        label=_("Languages spoken"),
        choices=[*SpokenLanguage.choices, (LANGUAGES_NOT_KNOWN, _("Languages not known"))],
    )
    beds = ChoiceFilter(
        label=_("Beds"),
        choices=[
            (str(n), ngettext_lazy("at least %(n)s bed", "at least %(n)s beds", "n") % {"n": n}) for n in BED_THRESHOLDS
        ],
        condition=at_least_beds,
    )
    village = ChoiceFilter(label=_("Village"), choices=(), condition=lambda slug: Q(village__slug=slug))

    facets = ("county", "kind", "village", "winter", "language", "beds")

    class Meta:
        model = Stay
        fields = ["q", "county", "kind", "village", "winter", "language", "beds", "sort", "near", "radius"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # Only the villages that have a place to stay: a village option that can only give nothing is noise.
        with_stays = Stay.objects.published().filter(village__isnull=False).values("village")
        villages = Village.objects.published().filter(pk__in=with_stays).along_corridor()
        self.filters["village"].extra["choices"] = [(village.slug, village.name) for village in villages]
