from django.db import migrations

from corridor_portal.models import search_columns_filler


class Migration(migrations.Migration):
    """The search columns also hold the names of the listing's county (corridor_portal.models.county_names)."""

    dependencies = [("villages", "0007_position_indexes")]

    operations = [
        migrations.RunPython(search_columns_filler("villages", "village", "name"), migrations.RunPython.noop),
    ]
