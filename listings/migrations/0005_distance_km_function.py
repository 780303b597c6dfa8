"""corridor_distance_km(): the great-circle distance in km between two positions, as one SQL function.

What is near a place, and lists sorted by distance, ask for it. Written out as an ORM expression it was
fifteen nested functions, which Django built and compiled again for every query: 2.1 ms against 0.8 ms
for the whole query with this function (bench/profile_pages.py). A LANGUAGE sql IMMUTABLE function that is
not STRICT is inlined by the planner, so the database computes exactly what the expression did.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION corridor_distance_km(
    from_latitude double precision, from_longitude double precision,
    latitude double precision, longitude double precision
) RETURNS double precision AS $$
    SELECT 2 * 6371.0088 * asin(sqrt(least(
        power(sin((radians(latitude) - radians(from_latitude)) / 2), 2)
        + cos(radians(from_latitude)) * cos(radians(latitude))
        * power(sin((radians(longitude) - radians(from_longitude)) / 2), 2),
        1.0
    )))
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;
"""
DROP = "DROP FUNCTION IF EXISTS corridor_distance_km(double precision, double precision, double precision, double precision);"


class Migration(migrations.Migration):
    dependencies = [("corridor_portal", "0004_immutable_unaccent")]

    operations = [migrations.RunSQL(CREATE, DROP, elidable=False)]
