"""An IMMUTABLE unaccent() for expression indexes (trigram indexes on the unaccented names).

PostgreSQL's unaccent() is STABLE because its dictionary could change; indexes need IMMUTABLE. The
wrapper names the dictionary explicitly, the usual way to make that promise safely.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT;
"""
DROP = "DROP FUNCTION IF EXISTS immutable_unaccent(text);"


class Migration(migrations.Migration):
    dependencies = [("corridor_portal", "0003_slugredirect")]

    operations = [migrations.RunSQL(CREATE, DROP, elidable=False)]
