"""The border-area notes of a listing, for its page and its printout."""

from django import template

from ports.models import BorderNote

register = template.Library()


@register.inclusion_tag("ports/includes/border_notes_list.html")
def border_notes_for(listing):
    """The published notes of an attraction, village, port or Border Tour (with its stops), and of its county."""
    notes = list(BorderNote.objects.published().for_listing(listing))
    return {"notes": notes, "listing": listing, "is_route": listing._meta.model_name == "route"}
