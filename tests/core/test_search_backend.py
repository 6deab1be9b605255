"""Chinese search finds words inside words (core/search_backend.py), for every
page type, on the public search page and in the admin's page search."""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from accounts import roles
from core.search_backend import segment, segment_query_string
from tests.accounts.factories import UserFactory
from tests.events.factories import EventIndexPageFactory, make_event
from tests.home.factories import NoticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(notice_index, home_page):
    events = EventIndexPageFactory(parent=home_page)
    return {
        "party": NoticePageFactory(parent=notice_index, title="基层党建工作学习", summary="支部"),
        "greenhouse": NoticePageFactory(parent=notice_index, title="蔬菜大棚种植技术"),
        "fire": NoticePageFactory(parent=notice_index, title="冬季消防安全提示"),
        "lecture": make_event(events, title="社区大讲堂：老年人防范电信诈骗"),
    }


def found(query, model=Page):
    return {page.title for page in model.objects.live().search(query)}


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("党建", "基层党建工作学习"),
        ("基层党建", "基层党建工作学习"),
        ("种植", "蔬菜大棚种植技术"),
        ("种植技术", "蔬菜大棚种植技术"),
        ("大棚的种植技术", "蔬菜大棚种植技术"),
        ("消防", "冬季消防安全提示"),
        ("消防安全", "冬季消防安全提示"),
        ("诈骗", "社区大讲堂：老年人防范电信诈骗"),
        ("老年人", "社区大讲堂：老年人防范电信诈骗"),
    ],
)
def test_a_word_inside_a_title_finds_the_page(pages, query, title):
    assert title in found(query)


def test_a_word_that_is_not_there_finds_nothing(pages):
    assert found("篮球比赛") == set()


def test_all_words_of_a_query_must_match(pages):
    assert found("消防 种植") == set()


def test_the_index_holds_segmented_words(pages):
    titles = IndexEntry.objects.filter(object_id=str(pages["party"].pk)).values_list(
        "title", flat=True
    )
    assert titles
    for title in titles:
        if connection.vendor == "postgresql":
            assert "'党建'" in title  # a lexeme of the tsvector
        else:
            assert "党建" in title.split()


def test_update_index_keeps_chinese_search_working(pages):
    call_command("update_index", verbosity=0)
    assert "基层党建工作学习" in found("党建")


def test_public_search_page_finds_notices_and_events_by_a_word_inside(client, pages):
    html = client.get("/search/", {"q": "党建"}).content.decode()
    assert pages["party"].url in html
    html = client.get("/search/", {"q": "诈骗", "type": "event"}).content.decode()
    assert pages["lecture"].url in html


def test_admin_page_search_finds_a_word_inside_a_title(client, pages):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    response = client.get("/admin/pages/search/", {"q": "种植"})
    assert response.status_code == 200
    assert "蔬菜大棚种植技术" in response.content.decode()


def test_admin_page_search_partial_typing_finds_it(pages):
    titles = {p.title for p in Page.objects.live().autocomplete("基层党")}
    assert "基层党建工作学习" in titles


def test_the_backend_is_the_segmenting_one():
    assert type(get_search_backend()).__name__.startswith("Segmenting")


def test_segmentation_splits_chinese_and_keeps_latin_words():
    assert segment("基层党建工作学习") == "基层 党建 工作 学习"
    assert segment("Wagtail 课程，第2讲！") == "Wagtail 课程 第 2 讲"


def test_query_drops_joining_words_unless_nothing_else_is_left():
    assert segment_query_string("大棚的种植技术") == "大棚 种植 技术"
    assert segment_query_string("的") == "的"


# --- The modelsearch internals core/search_backend.py relies on ----------------------
# (modelsearch is pinned in requirements.txt; an upgrade that moves any of these
# fails here on either database, not silently in production.)


def _database_backend(vendor):
    if vendor == "postgresql":
        from modelsearch.backends.database.postgres import postgres

        return postgres.PostgresSearchBackend, postgres.ObjectIndexer
    if vendor == "sqlite":
        if connection.vendor != "sqlite":
            pytest.skip("modelsearch's SQLite module loads its FTS model only on SQLite")
        from modelsearch.backends.database.sqlite import sqlite

        return sqlite.SQLiteSearchBackend, sqlite.ObjectIndexer
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return DatabaseSearchBackend, None


def _names_read(code):
    """Global names a function's code reads, its comprehensions included."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if hasattr(constant, "co_names"):
            names |= _names_read(constant)
    return names


@pytest.mark.parametrize("vendor", ["postgresql", "sqlite", "fallback"])
def test_the_backend_modelsearch_internals_are_still_where_the_segmenter_hooks_in(vendor):
    import inspect

    from core.search_backend import segmenting

    backend_class, indexer_class = _database_backend(vendor)
    parameters = list(inspect.signature(backend_class._search).parameters)
    assert parameters[:4] == ["self", "query_compiler_class", "query", "model_or_queryset"]
    built = segmenting(backend_class, indexer_class)
    assert built._search is not backend_class._search
    if indexer_class is None:
        return
    assert callable(indexer_class.prepare_value)
    # add_items makes its indexers from the module-level name ObjectIndexer,
    # which the segmenting index replaces in its copy of the function.
    assert "ObjectIndexer" in _names_read(backend_class.index_class.add_items.__code__)
    ours = built.index_class.add_items.__globals__["ObjectIndexer"]
    assert issubclass(ours, indexer_class) and ours is not indexer_class


def test_every_kind_of_query_is_segmented_and_keeps_its_options():
    from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText

    from core.search_backend import segment_query

    query = And(
        [
            PlainText("基层党建", operator="or", boost=2),
            Or([Fuzzy("种植技术", operator="and", unaccent=True), Phrase("消防安全")]),
            Not(Boost(PlainText("电信诈骗"), 3)),
        ]
    )
    plain, either, negated = segment_query(query).subqueries
    assert (plain.query_string, plain.operator, plain.boost) == ("基层 党建", "or", 2)
    fuzzy, phrase = either.subqueries
    assert (fuzzy.query_string, fuzzy.operator, fuzzy.unaccent) == ("种植 技术", "and", True)
    assert phrase.query_string == segment("消防安全") != "消防安全"
    boosted = negated.subquery
    assert (boosted.subquery.query_string, boosted.boost) == ("电信 诈骗", 3)
