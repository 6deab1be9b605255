"""党员登录与激活码: the branch administrator's screens for members' way in
(access.py does the work): who is linked, who has an open slip, who has
nothing; activation slips for one member, a selection, everyone filtered or
the whole last import, printed several to an A4 page; unlinking. Also the
登录 column and buttons of the members listing.

Permission ``study.manage_member_access`` (migration 0004).
"""

from urllib.parse import urlsplit

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.widgets import HeaderButton, ListingButton

from accounts.validators import normalize_mobile
from core.admin_views import AdminScreen, PermissionRequired, Screen, ScreenViewSet
from core.http import private_response
from core.pagination import paginate
from core.qr import qr_svg
from core.site_url import absolute_url

from . import access, scope
from .models import Member

URL_NAMESPACE = "study_access"
LAST_IMPORT_KEY = "study_last_import"
FILTERS = ("branch", "state", "q", "import", "member")


def remember_import(request, members):
    """The members of an import, for "slips for the whole import"."""
    request.session[LAST_IMPORT_KEY] = [member.pk for member in members]


def filtered_members(request, data):
    """The members the administrator may manage, narrowed by the screen's
    filters (``data``: GET on the list, POST when issuing for all of them)."""
    members = access.with_access(access.manageable_members(request.user)).select_related("branch")
    branch = str(data.get("branch", ""))
    if branch.isdigit():
        members = members.filter(branch_id=int(branch))
    members = access.filter_by_state(members, data.get("state", ""))
    query = str(data.get("q", "")).strip()[:50]
    if query:
        phone = normalize_mobile(query)
        members = (
            members.filter(phone__contains=phone)
            if phone.isascii() and phone.isdigit()
            else members.filter(name__contains=query)
        )
    member = str(data.get("member", ""))
    if member.isdigit():
        members = members.filter(pk=int(member))
    if data.get("import") == "1":
        members = members.filter(pk__in=request.session.get(LAST_IMPORT_KEY, []))
    return members.order_by("branch__sort_order", "branch__name", "name", "pk")


class AccessIndexView(AdminScreen, TemplateView):
    permission_required = access.PERMISSION
    header_icon = "key"
    template_name = "study/admin/access.html"
    page_title = gettext_lazy("党员登录与激活码")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.request.GET
        members = filtered_members(self.request, data)
        page_obj = paginate(self.request, members, 50)
        for member in page_obj.object_list:
            member.access_state = access.access_state(member)
            member.access_label = access.STATE_LABELS[member.access_state]
        context.update(
            page_obj=page_obj,
            total=page_obj.paginator.count,
            branches=scope.branches_for(self.request.user),
            states=access.STATE_FILTERS,
            filters={name: data.get(name, "") for name in FILTERS},
            last_import=len(self.request.session.get(LAST_IMPORT_KEY, [])),
            url_namespace=URL_NAMESPACE,
        )
        return context


def _slip_context(request, slips):
    for slip in slips:
        url = absolute_url(reverse("accounts:activate", args=[slip.code]), request)
        parts = urlsplit(url)
        slip.url = url
        slip.short_url = parts.netloc + parts.path
        slip.enter_url = parts.netloc + reverse("accounts:activate_enter")
        slip.qr = qr_svg(url, _("激活码二维码：%(name)s") % {"name": slip.member.name})
    return {"slips": slips}


class IssueSlipsView(PermissionRequired, View):
    """POST: new slips (one member, the ticked ones, or all filtered), shown
    once as a printable page; the codes exist nowhere else in clear."""

    permission_required = access.PERMISSION

    def post(self, request):
        data = request.POST
        if data.get("only", "").isdigit():
            members = Member.objects.filter(pk=int(data["only"]))
        elif data.get("scope") == "filtered":
            members = filtered_members(request, data)
        else:
            ids = [int(pk) for pk in data.getlist("members") if pk.isdigit()]
            members = Member.objects.filter(pk__in=ids)
        try:
            slips, refused = access.issue_slips(members, request.user)
        except access.AccessError as error:
            messages.error(request, error.message)
            return redirect(f"{URL_NAMESPACE}:index")
        for member, reason in refused:
            messages.warning(request, f"{member.name}：{reason}")
        if not slips:
            if not refused:
                messages.error(request, _("请先勾选要发放激活码的党员（只能为在册党员发放）。"))
            return redirect(f"{URL_NAMESPACE}:index")
        response = TemplateResponse(
            request, "study/admin/slips.html", _slip_context(request, slips)
        )
        response["Referrer-Policy"] = "no-referrer"
        return private_response(response)


class UnlinkView(AdminScreen, TemplateView):
    permission_required = access.PERMISSION
    header_icon = "key"
    template_name = "study/admin/unlink.html"
    page_title = gettext_lazy("解除账户关联")

    def prepare(self, request, pk):
        self.member = get_object_or_404(
            access.manageable_members(request.user).select_related("user", "branch"), pk=pk
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.member, url_namespace=URL_NAMESPACE, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            access.unlink(self.member, request.user)
        except access.AccessError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("已解除 %(name)s 与账户的关联。需要时请重新发放激活码。")
                % {"name": self.member.name},
            )
        return redirect(f"{URL_NAMESPACE}:index")


# --- The members listing (党员): a 登录 column and buttons ------------------------------


class MemberIndexView(IndexView):
    """The member list with a 登录 column (``MemberViewSet.get_queryset``
    annotates each member with ``access.with_access``)."""

    @cached_property
    def columns(self):
        return [
            *super().columns,
            Column(
                "access",
                label=gettext_lazy("登录"),
                accessor=lambda member: access.STATE_LABELS[access.access_state(member)],
            ),
        ]

    def _access_url(self, **query):
        from urllib.parse import urlencode

        return reverse(f"{URL_NAMESPACE}:index") + ("?" + urlencode(query) if query else "")

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm(access.PERMISSION):
            buttons.append(HeaderButton(_("登录与激活码"), url=self._access_url(), icon_name="key"))
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if self.request.user.has_perm(access.PERMISSION):
            buttons.append(
                ListingButton(
                    _("激活码"), url=self._access_url(member=instance.pk), icon_name="key"
                )
            )
        return buttons


class AccessScreens(ScreenViewSet):
    """党员登录与激活码 in the 学习会 menu."""

    name = URL_NAMESPACE
    url_prefix = "study/access"
    icon = "key"
    screens = (
        Screen("", AccessIndexView, "index", menu_label=gettext_lazy("党员登录与激活码")),
        Screen("slips/", IssueSlipsView, "issue"),
        Screen("unlink/<id:pk>/", UnlinkView, "unlink"),
    )
