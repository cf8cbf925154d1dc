"""Hot queries compiled to SQL once per process (issue 20: the application path).

An application runs the same few queries thousands of times in a rush, and building their SQL
(the ORM's compiler: joins, subqueries, quoting) cost more CPU than PostgreSQL needed to run
them — some of it while the gathering's row is locked. A `PreparedQuery` lets the ORM write the
SQL once, from a queryset built with stand-in values, and afterwards only binds the new values:
the SQL is still the ORM's (no hand-written SQL to drift from the models), the rows come back
through the same converters.

Only values that the query compares with equality (ids, codes) can be parameters: each is given
a stand-in no real value has, found again among the compiled parameters. A queryset whose SQL
depends on the values themselves (an `__in` list whose length varies) cannot be prepared this
way: build it with constants instead.
"""

from itertools import count

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import NOT_PROVIDED, sql
from django.db.models.constants import OnConflict

_stand_ins = count(1)


def _stand_in(kind):
    number = next(_stand_ins)
    if kind is int:
        return -(2**31) + number  # below any id or count
    if kind is str:
        return f"\x1fprepared-{number}\x1f"
    raise TypeError(f"a prepared query's parameters are ints or strings, not {kind!r}")


class PreparedQuery:
    """`build(**values)` returns a queryset (usually `.values_list(...)`); `kinds` names each
    value and its type. Calling the prepared query with the values runs it and returns the
    rows as tuples (after the fields' converters)."""

    def __init__(self, build, **kinds):
        self._build = build
        self._kinds = kinds
        self._compiled = {}

    def _compile(self, using):
        stand_ins = {name: _stand_in(kind) for name, kind in self._kinds.items()}
        compiler = self._build(**stand_ins).query.get_compiler(using)
        sql, params = compiler.as_sql()
        by_value = {value: name for name, value in stand_ins.items()}
        slots = [(i, by_value[p]) for i, p in enumerate(params) if p in by_value]
        missing = set(stand_ins) - {name for _i, name in slots}
        if missing:
            raise ValueError(f"the compiled query does not take {sorted(missing)} as parameters")
        converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
        compiled = (sql, list(params), slots, compiler, converters)
        self._compiled[using] = compiled
        return compiled

    def sql(self, using=DEFAULT_DB_ALIAS):
        return (self._compiled.get(using) or self._compile(using))[0]

    def __call__(self, using=DEFAULT_DB_ALIAS, **values) -> list[tuple]:
        sql, params, slots, compiler, converters = self._compiled.get(using) or self._compile(using)
        params = params.copy()
        for index, name in slots:
            params[index] = values[name]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = [tuple(row) for row in compiler.apply_converters(rows, converters)]
        return rows


class PreparedInsert:
    """INSERT of one `model` row (every concrete field but an automatic primary key), RETURNING
    the primary key, compiled once per process. The values are prepared per row as Django's
    own INSERT does (`pre_save` — `auto_now_add` and the like — then `get_db_prep_save`), but
    no model signal is sent (as with `bulk_create`): use it only for models no receiver needs
    to hear about. `ignore_conflicts`: ON CONFLICT DO NOTHING, and the primary key is not read
    back (the row may be another's)."""

    def __init__(self, model, *, ignore_conflicts=False):
        meta = model._meta
        self._model = model
        self._ignore_conflicts = ignore_conflicts
        self._fields = [
            f
            for f in meta.concrete_fields
            if not f.generated and not (f.primary_key and f.auto_created)
        ]
        if any(f.db_default is not NOT_PROVIDED for f in self._fields):
            raise ValueError(f"{meta.label} has database defaults: save it the usual way")
        self._sql = {}

    def _compile(self, obj, using):
        query = sql.InsertQuery(
            self._model, on_conflict=OnConflict.IGNORE if self._ignore_conflicts else None
        )
        query.insert_values(self._fields, [obj])
        compiler = query.get_compiler(using)
        if not self._ignore_conflicts:
            compiler.returning_fields = [self._model._meta.pk]
        ((statement, params),) = compiler.as_sql()
        if len(params) != len(self._fields):
            raise ValueError(f"{self._model._meta.label}: an INSERT with computed values")
        self._sql[using] = statement
        return statement

    def __call__(self, obj, using=DEFAULT_DB_ALIAS):
        connection = connections[using]
        statement = self._sql.get(using) or self._compile(obj, using)
        params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in self._fields]
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            if self._ignore_conflicts:
                return obj
            obj.pk = cursor.fetchone()[0]
        obj._state.adding = False
        obj._state.db = using
        return obj
