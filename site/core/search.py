"""Site-wide search: which page types it covers.

Apps add their page types with the Wagtail hook ``register_search_type``: a
function returning a ``SearchType``. The search page (``home.views.search``)
lists every registered type as a filter. A type may bring filters of its own
(``SearchFilter``, e.g. the course category): the search page shows each as
a choice, and choosing one limits the search to that type.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from wagtail import hooks


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
