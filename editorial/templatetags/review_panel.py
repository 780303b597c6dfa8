"""The admin home's "waiting for you" panel (editorial/review.py holds its sections)."""

from django import template

from ..review import waiting_for

register = template.Library()


@register.inclusion_tag("admin/editorial/waiting_panel.html", takes_context=True)
def waiting_panel(context):
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {"sections": []}
    sections = [(section, items) for section, items in waiting_for(request)]
    return {"sections": [(_Shown(section), items) for section, items in sections]}


class _Shown:
    """A section as the template reads it: its texts in the admin's language of this request."""

    def __init__(self, section):
        self.name = section.name
        self.title = section.title()
        self.empty = section.empty()
