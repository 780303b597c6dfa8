"""Who may do what with a listing: the three staff roles (Django groups) and the counties of a county editor.

- Province editors edit everything and publish.
- County editors edit the attractions and villages (with their photos and festivals) of the counties
  assigned to them (CountyAssignment) and nothing else; Border Tours cross counties, so only province
  editors edit them. County editors can send a listing to review but not publish it.
- Publishers read everything and publish or unpublish.
A user in no group reads nothing; a superuser can do everything. The permissions each group holds are set
by the staff tools (staff/roles.py, `manage.py setup_roles`).
"""

PROVINCE_EDITORS = "省级编辑 Province editors"
COUNTY_EDITORS = "县级编辑 County editors"
PUBLISHERS = "发布人 Publishers"


def in_group(user, name):
    cache = getattr(user, "_staff_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        user._staff_groups = cache
    return name in cache


def is_county_restricted(user):
    """True for a county editor, who sees only the counties assigned to them."""
    if not user.is_authenticated or user.is_superuser or in_group(user, PROVINCE_EDITORS):
        return False
    return in_group(user, COUNTY_EDITORS)


def county_ids(user):
    """The ids of the counties a user may work in, or None for all of them."""
    if not is_county_restricted(user):
        return None
    cache = getattr(user, "_staff_county_ids", None)
    if cache is None:
        cache = frozenset(user.county_assignments.values_list("region_id", flat=True))
        user._staff_county_ids = cache
    return cache


def in_counties_of(user, queryset, county_field="region"):
    """`queryset` narrowed to the counties `user` works in (all of it for those not tied to counties).

    `county_field` is the path from the rows to their county (`region`, `attraction__region`); None: the
    rows belong to no county (Border Tours, ports), and nobody's view of them is narrowed.
    """
    allowed = county_ids(user)
    if allowed is None or county_field is None:
        return queryset
    return queryset.filter(**{f"{county_field}__in": allowed})


def can_publish(user, model):
    """Only publishers, province editors and superusers publish or unpublish."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")
