# Indexes for searches of one or two Chinese characters on PostgreSQL, which no trigram answers
# (nothing happens on SQLite, whose CJK tables are made after every migrate): see
# directory/search/postgresql.py and cjk.py. Written by hand: indexes over expressions for one
# database only. Building an index reads the rows already there.

from django.db import migrations

from directory.search.postgresql import add_cjk_indexes

LANGUAGES = ["en", "zh_hans"]


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0008_booths"),
    ]

    operations = [
        add_cjk_indexes(
            {
                "exhibitors.Exhibitor": [
                    f"{field}_{language}"
                    for field in ("name", "tagline", "description")
                    for language in LANGUAGES
                ]
                + ["booth"],
                "exhibitors.Product": [
                    f"{field}_{language}"
                    for field in ("name", "description")
                    for language in LANGUAGES
                ],
                "exhibitors.Booth": ["code"],
            }
        ),
    ]
