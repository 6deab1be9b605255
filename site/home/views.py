from django.template.response import TemplateResponse
from wagtail.models import Page

from core.pagination import paginate

from .search import MAX_QUERY_LENGTH, clean_query, search_types

RESULTS_PER_PAGE = 10


def search(request):
    query, truncated = clean_query(request.GET.get("q"))
    types = search_types()
    selected = types.get(request.GET.get("type", ""))
    models = [selected.model] if selected else [t.model for t in types.values()]

    page_obj = None
    if query and models:
        results = Page.objects.live().public().type(*models).specific().search(query)
        page_obj = paginate(request, results, RESULTS_PER_PAGE)

    return TemplateResponse(
        request,
        "home/search.html",
        {
            "query": query,
            "truncated": truncated,
            "max_length": MAX_QUERY_LENGTH,
            "types": types.values(),
            "selected_type": selected,
            "page_obj": page_obj,
        },
    )
