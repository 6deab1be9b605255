"""The admin's model screens of the study app, scoped to the branches the
user administers (``scope.branches_for``): the list, and every view of one
object (edit, delete, inspect, history, usage, copy), so another branch's
member, plan, leave request or reflection is a 404 whichever URL is
guessed; the branch filter offers only the user's branches."""

import django_filters
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet

from . import scope
from .models import Branch

_OBJECT_VIEWS = (
    "edit_view_class",
    "delete_view_class",
    "inspect_view_class",
    "history_view_class",
    "usage_view_class",
    "copy_view_class",
)


class ScopedViewSet(ModelViewSet):
    """``branch_field``: the path from the model to its branch ("pk" for
    Branch itself). ``get_queryset(request)`` is the list's starting point."""

    branch_field = "branch"
    # False for rows made only through a service (reflections, leave
    # requests): no 添加 button and no ``new/`` URL. Wagtail's ModelViewSet
    # has no switch for its create view.
    add_view_enabled = True

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        if not self.add_view_enabled:
            view_kwargs["add_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        if self.add_view_enabled:
            return patterns
        return [pattern for pattern in patterns if pattern.name != "add"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        viewset = self

        class IndexView(self.index_view_class):
            def get_base_queryset(self):
                return scope.within(
                    viewset.get_queryset(self.request), self.request.user, viewset.branch_field
                )

        self.index_view_class = IndexView
        for name in _OBJECT_VIEWS:
            setattr(self, name, self._object_view(getattr(self, name)))

    def _object_view(self, view_class):
        branch_field = self.branch_field

        class ObjectView(view_class):
            def get_object(self, *args, **kwargs):
                found = super().get_object(*args, **kwargs)
                same = type(found)._default_manager.filter(pk=found.pk)
                if not scope.within(same, self.request.user, branch_field).exists():
                    raise Http404
                return found

        ObjectView.__name__ = view_class.__name__
        return ObjectView

    def get_queryset(self, request):
        return self.model._default_manager.all()


def branch_filterset(model, fields, branch_field="branch"):
    """A filter set whose 支部 filter lists only the user's branches."""

    def branches(request):
        return scope.branches_for(request.user) if request else Branch.objects.none()

    attrs = {
        "Meta": type("Meta", (), {"model": model, "fields": fields}),
        "branch": django_filters.ModelChoiceFilter(
            field_name=branch_field, queryset=branches, label=_("支部")
        ),
    }
    return type(f"{model.__name__}FilterSet", (WagtailFilterSet,), attrs)
