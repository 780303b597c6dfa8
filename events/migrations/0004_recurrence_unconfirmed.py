from django.db import migrations, models

# The demo events whose yearly recurrence events-sources.md calls assumed or unconfirmed (events.json says
# why). Copied here, not imported: a migration must not depend on the loader of the day.
DEMO_EVENTS_WITH_UNCONFIRMED_RECURRENCE = [
    "jian-ice-wine-festival",
    "around-changbai-mountain-cycling-race",
    "shimen-korean-folk-festival",
    "longjing-pear-blossom-viewing",
    "jingxin-winter-fishing-festival",
]


def unconfirm_demo_recurrence(apps, schema_editor):
    """Demo events already loaded stop saying "Every year" where the source does not say so."""
    Event = apps.get_model("events", "Event")
    Event.objects.filter(slug__in=DEMO_EVENTS_WITH_UNCONFIRMED_RECURRENCE, recurrence="annual").update(
        recurrence="unconfirmed"
    )


class Migration(migrations.Migration):
    """Recurrence gets an explicit unknown value, "unconfirmed", which is also the default for a new event;
    the help texts say what "unconfirmed" and an old last edition mean on the site."""

    dependencies = [("events", "0003_county_in_search")]

    operations = [
        migrations.AlterField(
            model_name="event",
            name="recurrence",
            field=models.CharField(
                choices=[("annual", "Every year"), ("once", "Once"), ("unconfirmed", "Recurrence not confirmed")],
                default="unconfirmed",
                help_text=(
                    "“Every year” only where a source says so (or editions are reported year after year). "
                    "“Recurrence not confirmed” when a source reports one edition or a few, or when yearly is "
                    "only assumed: the site then says so, and the event is not expected in its months until its "
                    "dates are announced."
                ),
                max_length=20,
                verbose_name="held",
            ),
        ),
        migrations.AlterField(
            model_name="historicalevent",
            name="recurrence",
            field=models.CharField(
                choices=[("annual", "Every year"), ("once", "Once"), ("unconfirmed", "Recurrence not confirmed")],
                default="unconfirmed",
                help_text=(
                    "“Every year” only where a source says so (or editions are reported year after year). "
                    "“Recurrence not confirmed” when a source reports one edition or a few, or when yearly is "
                    "only assumed: the site then says so, and the event is not expected in its months until its "
                    "dates are announced."
                ),
                max_length=20,
                verbose_name="held",
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="last_held_on",
            field=models.DateField(
                blank=True,
                null=True,
                help_text=(
                    "The start of the latest edition a source reports. When it is more than two years old and no "
                    "dates are announced, the site says the event may no longer take place."
                ),
                verbose_name="last edition seen",
            ),
        ),
        migrations.AlterField(
            model_name="historicalevent",
            name="last_held_on",
            field=models.DateField(
                blank=True,
                null=True,
                help_text=(
                    "The start of the latest edition a source reports. When it is more than two years old and no "
                    "dates are announced, the site says the event may no longer take place."
                ),
                verbose_name="last edition seen",
            ),
        ),
        migrations.RunPython(unconfirm_demo_recurrence, migrations.RunPython.noop),
    ]
