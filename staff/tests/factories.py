"""Staff users in each role, for tests."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from listings.models import CountyAssignment
from staff.roles import COUNTY_EDITORS, PROVINCE_EDITORS, PUBLISHERS

PASSWORD = "a-long-test-password-331"  # noqa: S105 - a test account
_counter = itertools.count(1)


def make_staff(group=None, counties=(), **fields):
    username = fields.pop("username", None) or f"staff{next(_counter)}"
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for region in counties:
        CountyAssignment.objects.create(user=user, region=region)
    return user


def make_county_editor(*counties, **fields):
    return make_staff(COUNTY_EDITORS, counties, **fields)


def make_province_editor(**fields):
    return make_staff(PROVINCE_EDITORS, **fields)


def make_publisher(**fields):
    return make_staff(PUBLISHERS, **fields)


def empty_inlines(model, **present):
    """The management forms of every inline of `model`'s admin page, with no rows: what a POST of the
    change form needs for the inlines a test leaves alone. `present` overrides some (e.g. days=2)."""
    from django.contrib import admin
    from django.forms.models import _get_foreign_key

    data = {}
    for inline in admin.site._registry[model].inlines:
        fk = _get_foreign_key(model, inline.model, fk_name=inline.fk_name)
        prefix = fk.remote_field.get_accessor_name(model=False).replace("+", "")
        count = present.get(prefix, 0)
        data.update({f"{prefix}-TOTAL_FORMS": count, f"{prefix}-INITIAL_FORMS": count})
    return data
