"""The county assignments now belong to the listing core (corridor_portal 0008): only the staff app's record of
the model goes; the table stays, under its name, for the core's model."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("corridor_portal", "0008_countyassignment_moves_here"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CountyAssignment")],
            database_operations=[],
        ),
    ]
