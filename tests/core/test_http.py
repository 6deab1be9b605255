import pytest
from django.http import HttpResponse, HttpResponseRedirect
from django.test import RequestFactory

from core import page_cache
from core.http import private, private_response


def _anonymous_get():
    return RequestFactory().get("/volunteers/")


def test_a_private_view_answers_private_no_store():
    view = private(lambda request: HttpResponse("mine"))
    response = view(_anonymous_get())
    assert response["Cache-Control"] == "private, no-store"


def test_a_private_view_is_never_stored_by_the_page_cache_even_if_it_opted_in():
    view = page_cache.cache_for_anonymous(private(lambda request: HttpResponse("mine")))
    request = _anonymous_get()
    response = view(request)
    assert response.anonymous_page_cache is False
    assert not page_cache._response_is_cacheable(request, response)


def test_a_private_view_marks_its_redirects_too():
    view = private(lambda request: HttpResponseRedirect("/accounts/login/"))
    assert view(_anonymous_get())["Cache-Control"] == "private, no-store"


def test_a_public_response_made_private_is_no_longer_public():
    response = HttpResponse("x")
    response["Cache-Control"] = "public, max-age=60"
    private_response(response)
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert "public" not in directives
    assert {"private", "no-store"} <= directives


def test_an_exception_in_a_private_view_passes_through():
    from django.http import Http404

    def view(request):
        raise Http404

    with pytest.raises(Http404):
        private(view)(_anonymous_get())
