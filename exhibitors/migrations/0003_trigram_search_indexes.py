# Trigram indexes for substring search on PostgreSQL (nothing happens on SQLite): see
# directory/search/postgresql.py. Written by hand: indexes over expressions for one database only.

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from directory.search.postgresql import add_trigram_indexes

LANGUAGES = ["en", "zh_hans"]


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0002_listing_indexes"),
    ]

    operations = [
        TrigramExtension(),
        add_trigram_indexes(
            {
                "exhibitors.Exhibitor": [
                    f"{field}_{language}"
                    for field in ("name", "tagline", "description")
                    for language in LANGUAGES
                ],
                "exhibitors.Product": [
                    f"{field}_{language}" for field in ("name", "description") for language in LANGUAGES
                ],
            }
        ),
    ]
