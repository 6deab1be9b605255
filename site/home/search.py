"""Site-wide search: which page types it covers and how a query is cleaned.

Apps add their page types with the Wagtail hook ``register_search_type``: a
function returning a ``SearchType``. The search page lists every registered
type as a filter. A type may bring filters of its own (``SearchFilter``, e.g.
the course category): the search page shows each as a choice, and choosing
one limits the search to that type.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from wagtail import hooks

MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class SearchFilter:
    """A choice that narrows one type's results: ``choices()`` gives
    ``[(value, label), …]``, ``apply(queryset, value)`` narrows a queryset of
    the type's model (the field must be an index.FilterField)."""

    param: str
    label: str
    choices: Callable
    apply: Callable


@dataclass(frozen=True)
class SearchType:
    code: str
    label: str
    model: type
    order: int = 100
    filters: tuple[SearchFilter, ...] = field(default=())


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
