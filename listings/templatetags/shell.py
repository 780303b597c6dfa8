"""The parts of base.html that thousands of pages share (the header's menu, the footer), kept rendered per process.

`{% kept "name" value… %}…{% endkept %}` renders its content once per name, language, script prefix, URL
configuration, code_version() and the values given (what else the content depends on: the section the menu marks,
the stamp of the counties the footer names), and then serves that text: no URL reversing, no translation lookups, no
query for the footer's counties. Nothing to invalidate: an edited county changes the stamp, a deploy the code
version. Kept in this process's memory (a few kilobytes per language and section), not in Redis: asking Redis
would cost what rendering does. settings.FRAGMENT_CACHE_ENABLED off renders it every time.
"""

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from corridor_portal.cache import code_version

register = template.Library()

# Bounded: the keys are few (4 languages × a dozen sections, a new stamp per county edit); a full memo starts again.
MAX_KEPT = 512
_kept = {}


def forget_kept():
    """Empties this process's kept parts (for tests that change templates or translations in place)."""
    _kept.clear()


class KeptNode(template.Node):
    def __init__(self, name, values, nodelist):
        self.name, self.values, self.nodelist = name, values, nodelist

    def render(self, context):
        if not settings.FRAGMENT_CACHE_ENABLED:
            return self.nodelist.render(context)
        values = tuple(value.resolve(context) for value in self.values)
        if any(value is None for value in values):  # what it depends on is not known (a stamp without a database)
            return self.nodelist.render(context)
        key = (
            self.name,
            get_language(),
            get_script_prefix(),
            get_urlconf() or settings.ROOT_URLCONF,
            code_version(),
            values,
        )
        text = _kept.get(key)
        if text is None:
            text = self.nodelist.render(context)
            if len(_kept) >= MAX_KEPT:
                _kept.clear()
            _kept[key] = text
        return mark_safe(text)  # noqa: S308 - a rendered template, escaped when it was rendered


@register.tag
def kept(parser, token):
    """{% kept "footer" corridor_counties_stamp %}…{% endkept %}: see the module docstring."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% kept %} needs a name")
    name = bits[1].strip("\"'")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(name, [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
