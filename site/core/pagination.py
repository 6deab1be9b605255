"""One way to paginate a public list: garbage or out-of-range page numbers
never fail, they land on the first or last page."""

from django.core.paginator import Paginator

DEFAULT_PER_PAGE = 20


def paginate(request, object_list, per_page=DEFAULT_PER_PAGE, param="page"):
    paginator = Paginator(object_list, per_page)
    return paginator.get_page(request.GET.get(param))
