"""Wagtail's database search, with every word a prefix on SQLite.

PostgreSQL stems Norwegian words (`SEARCH_CONFIG = "norwegian"`, website/settings/base.py), so
"barnevern" finds "barnevernet". SQLite's full-text index has no Norwegian stemmer; there each
word typed is matched as the start of a word instead ("barnevern" finds "barnevernet",
"medvirk" finds "medvirkning"). Everywhere else this is Wagtail's own backend.
"""

from django.db import connection
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend


def SearchBackend(params):  # noqa: N802 — the name Wagtail looks up in a backend module
    if connection.vendor != "sqlite":
        return DatabaseSearchBackend(params)
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    backend = DatabaseSearchBackend(params)
    if not isinstance(backend, SQLiteSearchBackend):  # no FTS5: substring search already
        return backend
    return _prefix_backend_class()(params)


def _prefix_backend_class():
    from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )
    from modelsearch.query import PlainText

    class PrefixSearchQueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if not isinstance(query, PlainText):
                return super().build_search_query_content(query, config=config)
            terms = query.query_string.split()
            if not terms:
                return None
            lexemes = Lexeme(terms[0], prefix=True)
            for term in terms[1:]:
                if query.operator.upper() == "AND":
                    lexemes &= Lexeme(term, prefix=True)
                else:
                    lexemes |= Lexeme(term, prefix=True)
            return SearchQueryExpression(lexemes, config=config)

    class PrefixSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = PrefixSearchQueryCompiler

    return PrefixSQLiteSearchBackend
