"""The county assignments move from the staff app to the listing core (the roles live there now).

Only Django's record of the model moves: the table stays `staff_countyassignment` (no SQL here). Its content
type follows, so the permissions on it and the groups holding them keep working.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    moving = ContentType.objects.using(db).filter(app_label=source, model="countyassignment")
    if moving.exists():
        # A content type already under the target label was made afresh by a migrate (after this migration was
        # unapplied and before it ran again), with permissions nobody was given yet: the older one, whose
        # permissions the groups hold, replaces it.
        ContentType.objects.using(db).filter(app_label=target, model="countyassignment").delete()
        moving.update(app_label=target)


def to_listing_core(apps, schema_editor):
    move_content_type(apps, schema_editor, "staff", "corridor_portal")


def back_to_staff(apps, schema_editor):
    move_content_type(apps, schema_editor, "corridor_portal", "staff")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("corridor_portal", "0007_region_order_confidence"),
        ("staff", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CountyAssignment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="editor_assignments",
                                to="corridor_portal.region",
                                verbose_name="county or city",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="county_assignments",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="user",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "county assignment",
                        "verbose_name_plural": "county assignments",
                        "db_table": "staff_countyassignment",
                        "ordering": ["region__corridor_order"],
                        "constraints": [
                            models.UniqueConstraint(fields=("user", "region"), name="county_assignment_unique")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(to_listing_core, back_to_staff),
    ]
