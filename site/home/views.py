from django.template.response import TemplateResponse
from wagtail.models import Page

from core.page_cache import cache_for_anonymous, exclude_from_cache
from core.pagination import paginate
from core.search import search_types
from core.text import clean_text

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 100


def clean_query(raw):
    """Returns (query, truncated): printable characters only, at most
    MAX_QUERY_LENGTH of them."""
    query = clean_text("".join(ch for ch in (raw or "") if ch.isprintable()))
    if len(query) > MAX_QUERY_LENGTH:
        return clean_text(query, MAX_QUERY_LENGTH), True
    return query, False


def _type_filters(request, types):
    """[(search type, filter, choices, chosen value or "")] for every type's
    filters; a value that is not one of the choices counts as not chosen."""
    filters = []
    for search_type in types.values():
        for search_filter in search_type.filters:
            choices = list(search_filter.choices())
            value = request.GET.get(search_filter.param, "")
            if value not in {str(choice) for choice, _label in choices}:
                value = ""
            filters.append((search_type, search_filter, choices, value))
    return filters


@cache_for_anonymous
def search(request):
    """The empty form is the same for everyone (visitors and members) and is
    served from the shared page cache; results, and a form with choices made,
    are rendered for each request."""
    query, truncated = clean_query(request.GET.get("q"))
    types = search_types()
    selected = types.get(request.GET.get("type", ""))
    filters = _type_filters(request, types)
    chosen = [(t, f, value) for t, f, _choices, value in filters if value]
    if chosen and selected is None:
        selected = chosen[0][0]  # choosing a course category means searching courses

    page_obj = None
    if query and types:
        if selected:
            results = selected.model.objects.live().public()
            for search_type, search_filter, value in chosen:
                if search_type == selected:
                    results = search_filter.apply(results, value)
        else:
            models = [t.model for t in types.values()]
            results = Page.objects.live().public().type(*models).specific()
        page_obj = paginate(request, results.search(query), RESULTS_PER_PAGE)

    response = TemplateResponse(
        request,
        "home/search.html",
        {
            "query": query,
            "truncated": truncated,
            "max_length": MAX_QUERY_LENGTH,
            "types": types.values(),
            "selected_type": selected,
            "filters": filters,
            "page_obj": page_obj,
        },
    )
    if request.GET:
        exclude_from_cache(response)
    return response
