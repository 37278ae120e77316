# Indexes for searches of one or two Chinese characters on PostgreSQL, which no trigram answers
# (nothing happens on SQLite, whose CJK tables are made after every migrate): see
# directory/search/postgresql.py and cjk.py. Written by hand: indexes over expressions for one
# database only. Building an index reads the rows already there.

from django.db import migrations

from directory.search.postgresql import add_cjk_indexes

LANGUAGES = ["en", "zh_hans"]


class Migration(migrations.Migration):
    dependencies = [
        ("speakers", "0008_fill_sort_keys"),
    ]

    operations = [
        add_cjk_indexes(
            {
                "speakers.Speaker": [
                    f"{field}_{language}"
                    for field in ("name", "position", "organization", "bio")
                    for language in LANGUAGES
                ],
                "speakers.Session": [
                    f"{field}_{language}"
                    for field in ("title", "abstract")
                    for language in LANGUAGES
                ],
            }
        ),
    ]
