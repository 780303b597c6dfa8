"""The three staff roles as Django groups, and the permissions each holds (who they are and what a county
editor may touch: listings/roles.py).

- Province editors edit everything and publish; they also unlock a colleague's sign-in locked after too many
  failures (django-axes).
- County editors edit the attractions and villages (with their photos and festivals) of their counties.
- Publishers read everything and publish or unpublish.

`setup_roles()` is idempotent: it runs after every `migrate` (post_migrate) and as `manage.py setup_roles`.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from listings.roles import COUNTY_EDITORS, PROVINCE_EDITORS, PUBLISHERS

EDIT = ("add", "change", "delete", "view")
VIEW = ("view",)

# (app label, model name) of what a listing is made of.
PLACES = [
    ("attractions", "attraction"),
    ("attractions", "attractionphoto"),
    ("attractions", "attractionfact"),
    ("villages", "village"),
    ("villages", "villagephoto"),
    ("villages", "festival"),
    ("villages", "villagefact"),
    ("stays", "stay"),
    ("stays", "stayphoto"),
]
ROUTES = [("routes", "route"), ("routes", "routeday"), ("routes", "routestop"), ("routes", "routephoto")]
# Ports of entry, border-area notes, events, the rules for travellers and the airports and stations serve the
# whole corridor: edited like Border Tours.
CORRIDOR_WIDE = [("ports", "portofentry"), ("ports", "bordernote"), ("ports", "portfact"), ("events", "event")]
CORRIDOR_WIDE += [("advice", "travelrule"), ("hubs", "transporthub")]
# Travellers' reports: read and answered (status, reply), never written by staff.
REPORTS = [("reports", "problemreport")]
PUBLISH = [("attractions", "publish_attraction"), ("villages", "publish_village"), ("routes", "publish_route")]
PUBLISH += [("ports", "publish_portofentry"), ("ports", "publish_bordernote"), ("events", "publish_event")]
PUBLISH += [("stays", "publish_stay"), ("advice", "publish_travelrule")]
PUBLISH += [("hubs", "publish_transporthub")]


def _model_perms(models, actions):
    return [(app, f"{action}_{model}") for app, model in models for action in actions]


ROLE_PERMISSIONS = {
    PROVINCE_EDITORS: [
        *_model_perms(PLACES + ROUTES + CORRIDOR_WIDE, EDIT),
        *_model_perms([("corridor_portal", "source")], ("add", "change", "view")),
        *_model_perms([("corridor_portal", "region")], ("change", "view")),
        *PUBLISH,
        # The sign-in lockout page names them: they see failed sign-ins and unlock (delete the attempts).
        *_model_perms([("axes", "accessattempt")], ("view", "delete")),
        *_model_perms(REPORTS, ("change", "view")),
    ],
    COUNTY_EDITORS: [
        *_model_perms(PLACES, EDIT),
        *_model_perms([("corridor_portal", "source")], ("add", "view")),
        *_model_perms([("corridor_portal", "region")], VIEW),
        *_model_perms(REPORTS, ("change", "view")),
    ],
    PUBLISHERS: [
        *_model_perms(PLACES + ROUTES + CORRIDOR_WIDE, VIEW),
        *_model_perms([("corridor_portal", "source"), ("corridor_portal", "region")], VIEW),
        *_model_perms(REPORTS, VIEW),
        *PUBLISH,
    ],
}


def setup_roles(verbosity=0, stdout=None):
    """Create or update the three groups so that each holds exactly its role's permissions."""
    for name, perms in ROLE_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=name)
        condition = Q(pk__in=[])
        for app, codename in perms:
            condition |= Q(content_type__app_label=app, codename=codename)
        wanted = list(Permission.objects.filter(condition))
        missing = {f"{app}.{codename}" for app, codename in perms} - {
            f"{p.content_type.app_label}.{p.codename}"
            for p in Permission.objects.filter(condition).select_related("content_type")
        }
        group.permissions.set(wanted)
        if verbosity and stdout:
            stdout.write(f"{'Created' if created else 'Updated'} {name}: {len(wanted)} permissions")
            for perm in sorted(missing):
                stdout.write(f"  not found (migrate first?): {perm}")


def setup_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    # post_migrate is sent once per app that has models, in INSTALLED_APPS order; the permissions of every app
    # exist once the last of them is done (staff itself has no models: the county assignments are the core's).
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not with_models[-1] or not ContentType.objects.using(using).exists():
        return
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    setup_roles()
