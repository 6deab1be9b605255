"""Wagtail's database search backend, made to find Chinese words inside words.

The stock backend (SQLite FTS5 ``unicode61``, PostgreSQL ``simple``) splits
text on spaces and punctuation only, so a run of Chinese characters is one
token: 党建 finds nothing in 基层党建工作学习 (measured, docs/home.md). Chinese is
written without spaces; this backend adds them. Every text value that goes
into the index and every query that comes out of a search box is segmented
with jieba's ``cut_for_search`` (words, plus the shorter words inside long
ones) and the words are joined with spaces, which the stock tokenizers then
split as usual. Segmenting only the index is not enough (measured): the
query 种植技术 must become the words 种植 技术 as well.

Where it hooks in, for SQLite and PostgreSQL alike (the backends are
otherwise untouched):

* index: each backend module's ``ObjectIndexer.prepare_value`` turns a field's
  value into the text stored in the index entry; our subclass segments it.
  The index class's ``add_items`` is the stock function, bound to a namespace
  in which ``ObjectIndexer`` is ours, so no upstream code is copied.
* query: ``BaseSearchBackend._search`` receives the query of both
  ``search()`` (the site's search page) and ``autocomplete()`` (the admin's
  page search); our override segments it before the stock compiler parses it.

After switching an existing site to this backend, run ``manage.py
update_index`` once (``make run`` does) to re-segment what is indexed.
"""

import logging
import re
import types
from functools import cache

import jieba
from django.db import connection
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText

jieba.setLogLevel(logging.WARNING)

# Words that only join others: dropped from queries (not from the index), so
# that 大棚的种植技术 finds what 大棚 种植 技术 finds.
QUERY_STOP_WORDS = frozenset(
    ["的", "了", "和", "与", "及", "或", "在", "是", "之", "怎么", "怎样", "如何", "什么", "关于"]
)
_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")


def segment(text):
    """Words of ``text`` separated by single spaces: 基层党建工作 → 基层 党建 工作."""
    return " ".join(
        word
        for word in jieba.cut_for_search(text or "")
        if word.strip() and not _PUNCTUATION_ONLY.match(word)
    )


def segment_query_string(text):
    words = segment(text).split()
    kept = [word for word in words if word not in QUERY_STOP_WORDS]
    return " ".join(kept or words)


def segment_query(query):
    """The same query with every query string segmented."""
    if isinstance(query, str):
        return segment_query_string(query)
    if isinstance(query, PlainText):
        return PlainText(segment_query_string(query.query_string), query.operator, query.boost)
    if isinstance(query, Fuzzy):
        return Fuzzy(segment_query_string(query.query_string), query.operator, query.unaccent)
    if isinstance(query, Phrase):
        return Phrase(segment(query.query_string))
    if isinstance(query, Boost):
        return Boost(segment_query(query.subquery), query.boost)
    if isinstance(query, (And, Or)):
        return type(query)([segment_query(subquery) for subquery in query.subqueries])
    if isinstance(query, Not):
        return Not(segment_query(query.subquery))
    return query


def _with_names(function, **names):
    """``function`` reading the given global names from a namespace of its own."""
    return types.FunctionType(
        function.__code__,
        {**function.__globals__, **names},
        function.__name__,
        function.__defaults__,
        function.__closure__,
    )


def segmenting(backend_class, object_indexer_class=None):
    """A subclass of a database search backend that segments queries and, if
    it keeps an index (``object_indexer_class``), the indexed text."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        return backend_class._search(
            self, query_compiler_class, segment_query(query), model_or_queryset, **kwargs
        )

    attributes = {"_search": _search}
    if object_indexer_class is not None:

        class SegmentingObjectIndexer(object_indexer_class):
            def prepare_value(self, value):
                prepared = super().prepare_value(value)
                if isinstance(value, (list, dict)):
                    return prepared  # its items went through prepare_value already
                return segment(prepared)

        base_index = backend_class.index_class
        attributes["index_class"] = type(
            f"Segmenting{base_index.__name__}",
            (base_index,),
            {"add_items": _with_names(base_index.add_items, ObjectIndexer=SegmentingObjectIndexer)},
        )
    return type(f"Segmenting{backend_class.__name__}", (backend_class,), attributes)


@cache
def _backend_class(vendor):
    if vendor == "postgresql":
        from modelsearch.backends.database.postgres import postgres

        return segmenting(postgres.PostgresSearchBackend, postgres.ObjectIndexer)
    if vendor == "sqlite":
        from modelsearch.backends.database.sqlite import sqlite
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        if fts5_available() and fts_table_exists():
            return segmenting(sqlite.SQLiteSearchBackend, sqlite.ObjectIndexer)
    # No full-text index (or another database): the fallback backend searches
    # with icontains per word, which a segmented query suits as it is.
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return segmenting(DatabaseSearchBackend)


def SearchBackend(params):  # the name Wagtail looks for in a backend module
    """The segmenting backend for the ``default`` database's vendor."""
    return _backend_class(connection.vendor)(params)
