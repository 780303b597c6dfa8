from django.db import migrations

from listings.models import search_columns_filler


class Migration(migrations.Migration):
    """The search columns also hold the names of the listing's county (listings.models.county_names)."""

    dependencies = [("villages", "0007_position_indexes")]

    operations = [
        migrations.RunPython(search_columns_filler("villages", "village", "name"), migrations.RunPython.noop),
    ]
