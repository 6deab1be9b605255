"""Site-wide search: which page types it covers and how a query is cleaned.

Apps add their page types with the Wagtail hook ``register_search_type``: a
function returning a ``SearchType``. The search page lists every registered
type as a filter.
"""

from dataclasses import dataclass

from wagtail import hooks

MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class SearchType:
    code: str
    label: str
    model: type
    order: int = 100


def search_types():
    types = [fn() for fn in hooks.get_hooks("register_search_type")]
    return {t.code: t for t in sorted(types, key=lambda t: (t.order, t.code))}


def clean_query(raw):
    """Returns (query, truncated): printable characters only, at most
    MAX_QUERY_LENGTH of them."""
    query = "".join(ch for ch in (raw or "") if ch.isprintable()).strip()
    query = " ".join(query.split())
    if len(query) > MAX_QUERY_LENGTH:
        return query[:MAX_QUERY_LENGTH], True
    return query, False
