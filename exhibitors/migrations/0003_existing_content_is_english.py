"""Data migration: the text rows had before content became bilingual is their English text.

Copies each translated field into its `_en` column (where that is still empty) and sets the
exhibitors' sort names in both languages. Reversing it changes nothing: the original columns
are still there.
"""

from django.db import migrations
from django.db.models import F, Q

from exhibitors.bilingual import sort_key

TRANSLATED = {
    "Hall": ["name", "building", "description"],
    "Category": ["name", "description"],
    "Exhibitor": ["name", "tagline", "description"],
    "Product": ["name", "description"],
}


def copy_to_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("exhibitors", model_name)
        for field in fields:
            model.objects.filter(Q(**{f"{field}_en__isnull": True}) | Q(**{f"{field}_en": ""})).update(
                **{f"{field}_en": F(field)}
            )
    Exhibitor = apps.get_model("exhibitors", "Exhibitor")
    rows = list(Exhibitor.objects.only("pk", "name_en", "name_zh_hans"))
    for row in rows:
        english, chinese = row.name_en or "", row.name_zh_hans or ""
        row.sort_name_en = sort_key(english or chinese)
        row.sort_name_zh_hans = sort_key(chinese or english)
    Exhibitor.objects.bulk_update(rows, ["sort_name_en", "sort_name_zh_hans"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("exhibitors", "0002_bilingual_content")]

    operations = [migrations.RunPython(copy_to_english, migrations.RunPython.noop)]
