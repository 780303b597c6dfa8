"""The border-area notes of a listing, for its page and its printout."""

from django import template

from corridor_portal import clock
from listings.fragments import kept_rows
from listings.models import Region
from ports.models import BorderNote, PortOfEntry, is_placed

register = template.Library()


@register.inclusion_tag("ports/includes/border_notes_list.html")
def border_notes_for(listing):
    """The published notes of an attraction, village, port or Border Tour (with its stops), and of its county."""
    notes = list(BorderNote.objects.published().for_listing(listing))
    return {"notes": notes, "listing": listing, "is_route": not is_placed(listing)}


@register.inclusion_tag("ports/includes/crossing_here.html")
def crossings_at(attraction):
    """The published ports an attraction looks onto (a bridge, a gate, a deck), with their status today."""
    today = clock.today()

    def crossings():
        ports = PortOfEntry.objects.published().for_list_page().filter(viewing_attractions=attraction)
        return list(ports.with_status_check(today).along_corridor())

    # Kept in the cache by the ports' tables (their viewing spots and counties too) and the day (the status check):
    # the attraction's page asks the database only when a port is saved. A draft's preview is never kept.
    reads = (PortOfEntry, PortOfEntry.viewing_attractions.through, Region)
    rows = kept_rows({"crossings": ((attraction.pk, str(today)), crossings)}, reads, keep=attraction.is_published)
    return {"crossings": rows["crossings"]}
