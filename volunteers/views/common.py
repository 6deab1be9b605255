"""What the volunteers views share: the page size, and rendering a personal
page that is never cached (``Cache-Control: private, no-store``).
"""

from django.template.response import TemplateResponse

PER_PAGE = 20


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


def _render(request, template, context=None, status=200):
    return _private(TemplateResponse(request, template, context or {}, status=status))
