from django.db import migrations

from listings.search import search_columns_filler


class Migration(migrations.Migration):
    """The search columns also hold the names of the listing's county (listings.search.county_names)."""

    dependencies = [("ports", "0002_search_columns")]

    operations = [
        migrations.RunPython(search_columns_filler("ports", "portofentry", "name"), migrations.RunPython.noop),
    ]
