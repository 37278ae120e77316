"""The query plans of the listings: which big tables their queries read in full.

Every listing and facet count reads published rows through an index (the partial indexes in
each model's `Meta.indexes`). This module renders each listing, unfiltered and with every
filter but the text search, in both languages, captures its SQL, asks the database for the
plan and reports each full scan of a big table. Text search (`q`) is left out of those paths on
purpose: `icontains` is a substring match, which no B-tree index answers; both databases have
trigram indexes for it, and CJK indexes for one or two Chinese characters (directory/search/,
docs/benchmarks.md). `search_paths` are the search page and the listings searched for texts
those indexes answer, which `search_plans` checks the same way and `cjk_indexes_read` tells
apart.

- SQLite: `EXPLAIN QUERY PLAN`; a full scan is a `SCAN <table>` without an index.
- PostgreSQL: `EXPLAIN` with `enable_seqscan` off, so that a `Seq Scan` remains only where no
  index can serve the query. (On a small table, or when every row is wanted, the planner
  rightly prefers a sequential scan; turning it off asks whether an index *exists* for each
  access path, which is what a missing index would break at scale.)
- Except where a query reads every published row of a table (the listing's total, unfiltered
  facet counts): no index makes that cheaper than reading the table.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from django.utils import translation

from exhibitors.models import Category, Hall
from speakers.models import Session, Track, Venue

BIG_TABLES = {
    "exhibitors_exhibitor",
    "exhibitors_exhibitorcategory",
    "exhibitors_product",
    "speakers_speaker",
    "speakers_session",
    "speakers_sessionspeaker",
}
LANGUAGES = ("en", "zh-hans")


@dataclass
class QueryPlan:
    path: str
    language: str
    sql: str
    plan: list[str]
    full_scans: list[str] = field(default_factory=list)


def listing_paths():
    """Each listing unfiltered, with each sort order, and with every filter at once (values
    taken from the database, so this works on demo, synthetic and test data alike)."""
    hall, category = Hall.objects.first(), Category.objects.first()
    track, venue = Track.objects.first(), Venue.objects.first()
    session = Session.objects.published().first()
    day = (session.local_day if session else settings.WAIC_EVENT.days[0]).isoformat()
    exhibitor_filters = "country=CN&featured=true&premiere=true"
    if hall and category:
        exhibitor_filters += f"&hall={hall.code}&category={category.slug}"
    speaker_filters = f"country=CN&keynote=true&day={day}"
    session_filters = f"day={day}&type=forum&language=zh"
    if track:
        speaker_filters += f"&track={track.slug}"
        session_filters += f"&track={track.slug}"
    if venue:
        session_filters += f"&venue={venue.slug}"
    return [
        "/exhibitors/",
        "/exhibitors/?sort=featured",
        "/exhibitors/?sort=hall",
        f"/exhibitors/?{exhibitor_filters}",
        "/speakers/",
        f"/speakers/?{speaker_filters}",
        "/sessions/",
        f"/sessions/?{session_filters}",
    ]


# Texts the indexes answer (directory/search/): one and two Chinese characters (the CJK
# indexes), and an English word (the trigram indexes).
SEARCHED_TEXTS = ("智能", "智", "quantum")


def search_paths():
    """The search page and each listing, searched for each of `SEARCHED_TEXTS`."""
    return [
        f"{page}?{urlencode({'q': text})}"
        for text in SEARCHED_TEXTS
        for page in ("/search/", "/exhibitors/", "/speakers/", "/sessions/")
    ]


def cjk_indexes_read(plan):
    """The CJK indexes (directory/search/) a plan's lines read: SQLite's `<table>_cjk` tables,
    PostgreSQL's `…_cjk` GIN indexes."""
    pattern = r"SCAN (\w+_cjk) VIRTUAL TABLE|Index Scan on (\w+_cjk)\b"
    return sorted({"".join(m.groups("")) for line in plan for m in re.finditer(pattern, line)})


def captured_sql(path, language):
    request = RequestFactory().get(path)
    match = resolve(request.path_info)
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
    return [query["sql"] for query in queries.captured_queries]


def explain(sql, params=None):
    """The plan's lines, and the big tables it reads in full."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            lines = [row[0] for row in cursor.fetchall()]
            scanned = [m.group(1) for line in lines if (m := re.search(r"Seq Scan on (\w+)", line))]
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            lines = [row[-1] for row in cursor.fetchall()]
            aliases = {alias: table for table, alias in re.findall(r'"(\w+)" ([A-Z][0-9]+)\b', sql)}
            scanned = [
                aliases.get(m.group(1), m.group(1))
                for line in lines
                if (m := re.fullmatch(r"SCAN (\w+)", line))
            ]
    every_published = set(EVERY_PUBLISHED_ROW.findall(sql)) | {
        table for table, _alias in EVERY_PUBLISHED_ROW_IN.findall(sql)
    }
    return lines, [table for table in scanned if table in BIG_TABLES - every_published]


# A query whose only condition on a table is publication, perhaps with a test per row through
# EXISTS, reads every published row (the listing's total, unfiltered facet counts): reading the
# whole table is then right, and no index could make it read less.
EVERY_PUBLISHED_ROW = re.compile(
    r'WHERE \(?"(\w+)"\."is_published"(?:\)?(?= GROUP BY| ORDER BY| LIMIT|$)| AND EXISTS\()'
)

# The same as a subquery for `IN`: "… IN (SELECT U0."id" FROM "table" U0 WHERE U0."is_published")".
EVERY_PUBLISHED_ROW_IN = re.compile(r'FROM "(\w+)" (U\d+) WHERE \2\."is_published"\)')


def listing_plans(paths=None):
    """A QueryPlan for every query of every listing path (or of `paths`) in every language."""
    plans = []
    for language in LANGUAGES:
        for path in paths or listing_paths():
            for sql in captured_sql(path, language):
                lines, full_scans = explain(sql)
                plans.append(QueryPlan(path, language, sql, lines, full_scans))
    return plans


def search_plans():
    """A QueryPlan for every query of every search path in every language."""
    return listing_plans(search_paths())
