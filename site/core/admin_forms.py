"""The base of every page form in the admin (``base_form_class``).

An editor who abandons a new notice leaves a draft behind (Wagtail saves
drafts by itself as they type); starting again with the same title gives the
same 网址名称 (slug), which Wagtail refuses with an English message. Here the
refusal is in Chinese and names the page already there, with a link to go on
editing it when the editor may.
"""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class PageForm(WagtailAdminPageForm):
    def clean(self):
        slug = self.cleaned_data.get("slug")  # add_error() takes it out of cleaned_data
        cleaned_data = super().clean()
        if "slug" in self.errors and self.parent_page is not None:
            taken = self._page_with_same_slug(slug)
            if taken is not None:
                self.errors["slug"] = self.error_class([self._slug_message(taken)])
        return cleaned_data

    def _page_with_same_slug(self, slug):
        if not slug:
            return None
        siblings = self.parent_page.get_children().filter(slug=slug)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        return siblings.first()

    def _slug_message(self, taken):
        user = getattr(self, "for_user", None)
        can_edit = user is not None and taken.permissions_for_user(user).can_edit()
        if taken.live:
            text = _("这个栏目下已有页面“{title}”使用网址名称“{slug}”，请换一个网址名称。")
        else:
            text = _(
                "这个栏目下已有一篇草稿“{title}”使用网址名称“{slug}”（可能是您之前没写完、"
                "系统自动保存的）。可以继续编辑那篇草稿，或者换一个网址名称。"
            )
        message = text.format(title=taken.get_admin_display_title(), slug=taken.slug)
        if not can_edit:
            return message
        link = _("继续编辑那篇草稿") if not taken.live else _("打开那个页面")
        url = reverse("wagtailadmin_pages:edit", args=[taken.pk])
        return format_html('{} <a href="{}">{}</a>', message, url, link)
