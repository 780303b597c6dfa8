"""{% session_seconds_left %} and {% session_cookie_age %}: for templates/admin/base_site.html, which hands
them to static/js/admin-session.js."""

from django import template
from django.conf import settings

from staff.sessions import page_seconds_left

register = template.Library()


@register.simple_tag(takes_context=True)
def session_seconds_left(context):
    request = context.get("request")
    return page_seconds_left(request) if request is not None else 0


@register.simple_tag
def session_cookie_age():
    return settings.SESSION_COOKIE_AGE
