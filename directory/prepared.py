"""Queries compiled to SQL once per process, then run with each request's values.

    from directory.prepared import PreparedValues

    TRACK_LINES = PreparedValues(
        Session,
        lambda track, session: Session.objects.published()
        .filter(track=track)
        .exclude(pk=session)
        .values("slug", "title_en")[:6]
    )
    rows = TRACK_LINES(track=4, session=195)  # [{"slug": …, "title_en": …}, …]

Django compiles a QuerySet to SQL each time it is evaluated. For a small query that is most of
its cost: a session page's six lines of its track's other sessions took 0.65 ms to build and
0.06 ms to run. A prepared query builds its QuerySet once (for each database, language and
setting generation) with stand-in values, keeps the SQL and the database's converters, and runs
that SQL with the real values in the stand-ins' places. What it returns is what the QuerySet's
`values()` would, row for row (directory/tests/test_prepared.py).

Only for `values()` QuerySets whose values are all parameters of the SQL: each stand-in must
appear once among the compiled parameters, or the query refuses to prepare (a value the ORM
wrote into the SQL itself, such as a slice, is fine: it is the same on every call).
"""

import itertools

from django.db import connections, router
from django.utils.translation import get_language

from directory.memo import settings_generation

# Values no real row has, one per parameter: negative integers, which the ORM passes through.
STAND_INS = itertools.count(-7_300_001, -1)


class PreparedValues:
    def __init__(self, model, build):
        """`build`: a function of keyword arguments returning a `values()` QuerySet of
        `model`."""
        self.model = model
        self.build = build
        self.compiled = {}

    def __call__(self, **values):
        database = router.db_for_read(self.model)
        # A setting's change (as tests make) may change the SQL: it is compiled again.
        key = (database, get_language(), settings_generation(), *sorted(values))
        if (compiled := self.compiled.get(key)) is None:
            if len(self.compiled) > 16:  # older generations' copies
                self.compiled.clear()
            compiled = self.compiled[key] = self.compile(database, values)
        sql, positions, converters, names = compiled
        connection = connections[database]
        params = [values[name] if name else param for name, param in positions]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [dict(zip(names, convert(row, converters, connection), strict=True)) for row in rows]

    def compile(self, database, values):
        stand_ins = {name: next(STAND_INS) for name in values}
        query = self.build(**stand_ins).using(database).query
        if query.extra_select or query.annotation_select or not query.values_select:
            raise ValueError("PreparedValues takes values() QuerySets of fields only")
        compiler = query.get_compiler(using=database)
        sql, params = compiler.as_sql()
        by_value = {value: name for name, value in stand_ins.items()}
        positions = [(by_value.get(param), param) for param in params]
        if sorted(name for name, _param in positions if name) != sorted(stand_ins):
            raise ValueError(f"each value must be one parameter of the SQL: {sql} {params}")
        converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
        return sql, positions, converters, list(query.values_select)


def convert(row, converters, connection):
    """A row's values as the ORM gives them (as SQLCompiler.apply_converters does)."""
    if not converters:
        return row
    row = list(row)
    for position, (functions, expression) in converters.items():
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return row
