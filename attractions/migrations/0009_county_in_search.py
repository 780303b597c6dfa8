from django.db import migrations

from listings.search import search_columns_filler


class Migration(migrations.Migration):
    """The search columns also hold the names of the listing's county (listings.search.county_names)."""

    dependencies = [("attractions", "0008_county_category_index")]

    operations = [
        migrations.RunPython(search_columns_filler("attractions", "attraction", "name"), migrations.RunPython.noop),
    ]
