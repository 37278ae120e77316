# Trigram indexes for substring search on PostgreSQL (nothing happens on SQLite): see
# directory/search/postgresql.py. Written by hand: indexes over expressions for one database only.

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from directory.search.postgresql import add_trigram_indexes

LANGUAGES = ["en", "zh_hans"]


class Migration(migrations.Migration):
    dependencies = [
        ("speakers", "0002_listing_indexes"),
        ("exhibitors", "0003_trigram_search_indexes"),
    ]

    operations = [
        TrigramExtension(),
        add_trigram_indexes(
            {
                "speakers.Speaker": [
                    f"{field}_{language}"
                    for field in ("name", "position", "organization", "bio")
                    for language in LANGUAGES
                ],
                "speakers.Session": [
                    f"{field}_{language}" for field in ("title", "abstract") for language in LANGUAGES
                ],
            }
        ),
    ]
