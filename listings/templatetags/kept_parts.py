"""`{% keep_part "name" %}…{% endkeep_part %}`: a part of a page kept rendered under the key its view made
(FilteredListView.kept_part_keys, pages' SearchView, listings.views.KeptListingMixin; listings.fragments.KeptParts):
from the cache when it is there, else rendered here and stored. A page without `kept_parts` in its context renders
the part every time."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class KeepPartNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        parts = context.get("kept_parts")
        if parts is None:
            return self.nodelist.render(context)
        text = parts.value(self.name, lambda: str(self.nodelist.render(context)))
        return mark_safe(text)  # noqa: S308 - a rendered template, escaped when it was rendered


@register.tag
def keep_part(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('{% keep_part "name" %} needs a name')
    nodelist = parser.parse(("endkeep_part",))
    parser.delete_first_token()
    return KeepPartNode(bits[1].strip("\"'"), nodelist)
