from django.db import migrations

from listings.search import search_columns_filler


class Migration(migrations.Migration):
    """The search columns also hold the names of the listing's county (listings.search.county_names)."""

    dependencies = [("villages", "0007_position_indexes")]

    operations = [
        migrations.RunPython(search_columns_filler("villages", "village", "name"), migrations.RunPython.noop),
    ]
