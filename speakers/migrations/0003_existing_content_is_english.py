"""Data migration: the text rows had before content became bilingual is their English text.

Copies each translated field into its `_en` column (where that is still empty) and sets the
speakers' sort names. Reversing it changes nothing: the original columns are still there.
"""

from django.db import migrations
from django.db.models import F, Q

from exhibitors.bilingual import sort_name

TRANSLATED = {
    "Track": ["name", "description"],
    "Venue": ["name", "building", "room"],
    "Speaker": ["name", "position", "organization", "bio"],
    "Session": ["title", "abstract"],
}


def copy_to_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("speakers", model_name)
        for field in fields:
            model.objects.filter(Q(**{f"{field}_en__isnull": True}) | Q(**{f"{field}_en": ""})).update(
                **{f"{field}_en": F(field)}
            )
    Speaker = apps.get_model("speakers", "Speaker")
    speakers = list(Speaker.objects.only("pk", "name_en", "name_zh_hans"))
    for speaker in speakers:
        speaker.sort_name = sort_name(speaker.name_en or speaker.name_zh_hans or "", person=True)
    Speaker.objects.bulk_update(speakers, ["sort_name"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("speakers", "0002_bilingual_content")]

    operations = [migrations.RunPython(copy_to_english, migrations.RunPython.noop)]
