"""Sort keys of every category and exhibitor, made by directory.collation.sort_key."""

from django.db import migrations

from directory.collation import fill_sort_keys


def forwards(apps, schema_editor):
    for name in ("Category", "Exhibitor"):
        fill_sort_keys(apps.get_model("exhibitors", name))


class Migration(migrations.Migration):
    dependencies = [("exhibitors", "0006_sort_keys")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
