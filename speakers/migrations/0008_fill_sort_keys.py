"""Sort keys of every track, venue and speaker, made by directory.collation.sort_key."""

from django.db import migrations

from directory.collation import fill_sort_keys


def forwards(apps, schema_editor):
    fill_sort_keys(apps.get_model("speakers", "Track"))
    fill_sort_keys(apps.get_model("speakers", "Venue"))
    fill_sort_keys(apps.get_model("speakers", "Speaker"), person=True)


class Migration(migrations.Migration):
    dependencies = [("speakers", "0007_sort_keys")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
