"""URL converters that keep garbage out of database queries: a number too
big for a 64-bit column, or a code with characters no code has, is simply
not found (404) instead of failing in the database.

Registered once, in ``CoreConfig.ready()``, before any URLconf is loaded:
``<id:pk>`` and ``<code:code>`` work in every app's ``urls.py`` and admin URLs.
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class CodeConverter:
    """A registration's secret code (core.codes.random_code)."""

    regex = "[A-Za-z0-9_-]{1,32}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def register():
    register_converter(IdConverter, "id")
    register_converter(CodeConverter, "code")
